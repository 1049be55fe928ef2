package descent.tensor;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Splitting loops across threads: every index once, fixed block boundaries, no waiting for absent threads. */
class ParallelTest {
    @Test
    void threadLimitIsAPositiveInteger() {
        assertEquals(1, Parallel.ways("1"));
        assertEquals(Parallel.ways(null), Parallel.ways("1000"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallel.ways("0"));
        assertTrue(e.getMessage().contains("descent.threads"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Parallel.ways("two"));
    }

    @Test
    void everyIndexRunsOnceInAlignedBlocks() {
        for (int n : new int[] {0, 1, 999, 65_536, 1_000_003}) {
            AtomicIntegerArray count = new AtomicIntegerArray(n);
            List<int[]> ranges = java.util.Collections.synchronizedList(new ArrayList<>());
            Parallel p = new Parallel(n, 1000, (lo, hi) -> {
                ranges.add(new int[] {lo, hi});
                for (int i = lo; i < hi; i++) {
                    count.incrementAndGet(i);
                }
            });
            for (int rep = 0; rep < 3; rep++) {
                ranges.clear();
                p.run();
                assertEquals(p.blocks(), ranges.size(), "n = " + n);
                for (int[] r : ranges) {
                    assertTrue(r[0] < r[1] || n == 0, "empty block " + r[0] + " in n = " + n);
                    if (p.blocks() > 1 && n > 64 * Parallel.BLOCKS_PER_WAY * Parallel.WAYS) {
                        assertEquals(0, r[0] % 64, "block start " + r[0] + " in n = " + n);
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                assertEquals(3, count.get(i), "index " + i + " of " + n);
            }
        }
        assertFalse(new Parallel(1_000_000, 1_000_000, (lo, hi) -> { }).isParallel());
    }

    @Test
    void aStalledHelperHoldsUpOneBlockAtMost() {
        assumeTrue(Parallel.WAYS > 1, "one processor");
        int n = 1 << 20;
        Thread caller = Thread.currentThread();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger byHelpers = new AtomicInteger();
        Parallel[] p = new Parallel[1];
        p[0] = new Parallel(n, 1024, (lo, hi) -> {
            if (Thread.currentThread() != caller) {
                // A helper that stalls in its block until every other block is done, or five seconds pass.
                long end = System.nanoTime() + 5_000_000_000L;
                while (done.get() < p[0].blocks() - 1 && System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                byHelpers.addAndGet(hi - lo);
            }
            done.incrementAndGet();
        });
        for (int rep = 0; rep < 20; rep++) {
            done.set(0);
            byHelpers.set(0);
            p[0].run();
            assertEquals(p[0].blocks(), done.get());
            // Half of an even share of the loop at most: the calling thread took over the rest.
            assertTrue(byHelpers.get() <= (Parallel.WAYS - 1) * (n / (2 * Parallel.WAYS)),
                    byHelpers.get() + " of " + n + " elements waited for a stalled helper");
        }
    }

    @Test
    void aLoopDoesNotWaitForBusyWorkers() throws Exception {
        assumeTrue(Parallel.WAYS > 1, "one processor");
        ForkJoinPool pool = ForkJoinPool.commonPool();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(pool.getParallelism());
        List<Future<?>> blockers = new ArrayList<>();
        for (int w = 0; w < pool.getParallelism(); w++) {
            blockers.add(pool.submit(() -> {
                busy.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        // The workers are released after five seconds in any case, so a loop that waits for them ends too.
        Thread timer = new Thread(() -> {
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            release.countDown();
        });
        timer.setDaemon(true);
        timer.start();
        try {
            assertTrue(busy.await(10, TimeUnit.SECONDS), "the pool's workers did not start");
            int n = 1 << 20;
            double[] y = new double[n];
            Parallel p = new Parallel(n, 1024, (lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    y[i] = i;
                }
            });
            assertTrue(p.isParallel());
            long t0 = System.nanoTime();
            p.run();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            for (int i = 0; i < n; i++) {
                assertEquals(i, y[i], 0);
            }
            assertTrue(ms < 2000, "the loop waited " + ms + " ms for workers that were busy");
        } finally {
            release.countDown();
            for (Future<?> f : blockers) {
                f.get(10, TimeUnit.SECONDS);
            }
        }
    }
}
