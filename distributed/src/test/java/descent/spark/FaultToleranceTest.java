package descent.spark;

import descent.optim.LineSearch;
import descent.optim.Methods;
import descent.optim.Minimize;
import descent.optim.Result;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tasks that fail once are run again by Spark ({@code local[2,2]} allows one retry per task), and
 * cached partitions that are lost are recomputed from the lineage; the run's result is the same,
 * bit for bit, as a run without failures.
 */
class FaultToleranceTest {
    private static final int ROWS = 20_000;
    private static final int D = 10;
    /** Whether the next first attempt of partition 1 while packing the data fails (shared with the tasks: one JVM). */
    static final AtomicBoolean FAIL_PACKING = new AtomicBoolean();
    static final AtomicInteger FAILURES = new AtomicInteger();

    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = LocalSpark.start("local[2,2]", "FaultToleranceTest");
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    private static JavaRDD<double[]> data() {
        return Synthetic.logistic(sc, ROWS, D, 4, 11).map(row -> {
            TaskContext t = TaskContext.get();
            if (t.partitionId() == 1 && t.attemptNumber() == 0 && FAIL_PACKING.getAndSet(false)) {
                FAILURES.incrementAndGet();
                throw new IllegalStateException("injected failure of partition 1");
            }
            return row;
        });
    }

    /**
     * An L-BFGS run; with {@code faults}, packing partition 1 fails once at the start, and after
     * step 3 every cached block is dropped (as when an executor is lost) and packing partition 1
     * fails once again while the blocks are recomputed for the next evaluation.
     */
    private static Result run(boolean faults) {
        FAIL_PACKING.set(faults);
        Minimize m = Minimize.with(Methods.lbfgs(10, LineSearch.strongWolfe(), 1e-10, 0)).steps(200).every(1, p -> {
            if (faults && p.step() == 3) {
                sc.getPersistentRDDs().values().forEach(rdd -> rdd.unpersist(true));
                FAIL_PACKING.set(true);
            }
        });
        try (SparkObjective f = SparkObjective.builder(data(), D + 1, D, Losses.logistic(D)).mean().regularizer(Losses.l2(1e-2)).chunk(1000)
                .build()) {
            return f.minimize(m, new double[D]);
        }
    }

    @Test
    void tasksThatFailOnceDoNotChangeTheResult() {
        Result clean = run(false);
        assertEquals(0, FAILURES.get());
        Result failed = run(true);
        assertEquals(2, FAILURES.get(), "both injected failures happened");
        assertTrue(clean.iterations() > 3);
        assertEquals(clean.iterations(), failed.iterations());
        assertEquals(clean.evaluations(), failed.evaluations());
        assertArrayEquals(clean.x(), failed.x());
        assertEquals(clean.value(), failed.value());
    }

    /** The optimizer's state lives on the driver: a run stopped after 4 steps and resumed from its checkpoint ends as an uninterrupted one. */
    @Test
    void aRunResumedFromItsCheckpointEndsAsAnUninterruptedOne(@TempDir Path dir) {
        Path file = dir.resolve("lbfgs.ckpt");
        try (SparkObjective f = SparkObjective.builder(data(), D + 1, D, Losses.logistic(D)).mean().regularizer(Losses.l2(1e-2)).build()) {
            Result whole = f.minimize(Minimize.with(Methods.lbfgs(10, LineSearch.strongWolfe(), 1e-10, 0)).steps(200), new double[D]);
            f.minimize(Minimize.with(Methods.lbfgs(10, LineSearch.strongWolfe(), 1e-10, 0)).steps(4).checkpoint(file, 2), new double[D]);
            Result resumed = f.minimize(Minimize.with(Methods.lbfgs(10, LineSearch.strongWolfe(), 1e-10, 0)).steps(200).resume(file),
                    new double[D]);
            assertTrue(whole.iterations() > 4);
            assertEquals(whole.iterations(), resumed.iterations());
            assertArrayEquals(whole.x(), resumed.x());
        }
    }
}
