package descent.optim;

import descent.ad.Func;
import descent.tensor.Value;
import descent.tensor.ParamLayout;
import descent.tensor.Params;
import descent.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The minimize loop: criteria, callbacks, history, non-finite values, batches and checkpoints. */
class MinimizeTest {
    @TempDir
    Path dir;

    @Test
    void stopsAtTheFirstCriterionMetAndSaysWhy() {
        Result r = Minimize.with(Optimizers.sgd(0.1)).steps(10_000).stopWhen(Stop.gradientNorm(1e-6))
                .run(Problems::quad, new double[3]);
        assertEquals(Stop.Reason.GRADIENT_NORM, r.reason());
        assertTrue(r.gradientNorm() <= 1e-6 && r.steps() < 10_000, r.toString());
        assertEquals(r.steps() + 1, r.history().size(), "one entry per evaluation, the last at the final point");
        assertEquals(r.value(), r.history().loss(r.history().size() - 1), 0);
        r = Minimize.with(Optimizers.sgd(0.1)).steps(50).stopWhen(Stop.gradientNorm(1e-12)).run(Problems::quad, new double[3]);
        assertEquals(Stop.Reason.STEPS, r.reason());
        assertEquals(50, r.steps());
        assertEquals(50, r.history().size());
        r = Minimize.with(Optimizers.sgd(0.1)).steps(10_000).stopWhen(Stop.targetValue(-0.5)).run(Problems::quad, new double[3]);
        assertEquals(Stop.Reason.TARGET_VALUE, r.reason());
        assertTrue(r.value() <= -0.5 && r.history().loss(r.history().size() - 2) > -0.5);
        r = Minimize.with(Optimizers.sgd(0.1)).steps(10_000).stopWhen(Stop.relativeChange(1e-12)).run(Problems::quad, new double[3]);
        assertEquals(Stop.Reason.RELATIVE_CHANGE, r.reason());
        double[] h = r.history().losses();
        int n = h.length;
        assertTrue(Math.abs(h[n - 1] - h[n - 2]) <= 1e-12 * Math.abs(h[n - 1]) && Math.abs(h[n - 2] - h[n - 3]) > 1e-12 * Math.abs(h[n - 2]));
        r = Minimize.with(Optimizers.sgd(1e-9)).steps(Long.MAX_VALUE).stopWhen(Stop.wallTime(Duration.ofMillis(50)))
                .run(Problems::quad, new double[3]);
        assertEquals(Stop.Reason.WALL_TIME, r.reason());
        assertTrue(r.nanos() >= 50_000_000L, "ran " + r.nanos() + " ns");
    }

    @Test
    void callbacksRunEveryKStepsAndCanStop() {
        List<Long> seen = new ArrayList<>();
        Result r = Minimize.with(Optimizers.adam(1e-2)).steps(100)
                .every(10, p -> seen.add(p.step()))
                .every(7, p -> {
                    if (p.step() == 35) {
                        p.stop();
                    }
                })
                .run(Problems::quad, new double[3]);
        assertEquals(List.of(10L, 20L, 30L), seen);
        assertEquals(Stop.Reason.CALLBACK, r.reason());
        assertEquals(35, r.steps());
    }

    @Test
    void aPacedCallbackIsCalledWhenItAsksAndAfterTheLastStep() {
        List<Long> paced = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        List<Long> everyFive = new ArrayList<>();
        Minimize.Callback sevens = new Minimize.Callback() {
            @Override
            public void onStep(Progress p) {
                paced.add(p.step());
                losses.add(p.loss());
            }

            @Override
            public int stepsToNext() {
                return 7;
            }
        };
        Result r = Minimize.with(Optimizers.adam(1e-2)).steps(20).every(1, sevens).every(5, p -> everyFive.add(p.step()))
                .run(Problems::quad, new double[3]);
        assertEquals(List.of(1L, 8L, 15L, 20L), paced);
        assertEquals(r.history().loss(19), losses.get(3), 0);
        assertEquals(r.history().loss(7), losses.get(1), 0);
        assertEquals(List.of(5L, 10L, 15L, 20L), everyFive);
        paced.clear();
        Minimize.with(Optimizers.adam(1e-2)).steps(15).every(1, sevens).run(Problems::quad, new double[3]);
        assertEquals(List.of(1L, 8L, 15L), paced, "the last step was its turn: no second call");
    }

    @Test
    void historyRecordsLossNormLearningRateTimeAndIterates() {
        Schedule lr = Schedule.linear(0.1, 0.01, 9);
        Result r = Minimize.with(Optimizers.sgd(lr, Schedule.constant(0), Schedule.constant(0), Schedule.constant(0), false))
                .steps(10).recordIterates().run(Problems::quad, new double[3]);
        History h = r.history();
        assertEquals(10, h.size());
        double[] x = new double[3];
        double[] g = new double[3];
        for (int k = 0; k < 10; k++) {
            double f = Problems.quad(x, g);
            assertArrayEquals(x, h.iterates().get(k), 1e-15);
            assertEquals(f, h.loss(k), 1e-15);
            assertEquals(Math.sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]), h.gradientNorm(k), 1e-15);
            assertEquals(lr.at(k), h.learningRate(k), 1e-15);
            assertTrue(h.nanos(k) > 0);
            for (int i = 0; i < 3; i++) {
                x[i] -= lr.at(k) * g[i];
            }
        }
        assertArrayEquals(x, r.x(), 1e-15);
    }

    static Func tiny() {
        return Func.of((w, b) -> w.mul(b).log().sum());
    }

    @Test
    void nonFiniteValuesStopTheRunNamingStepAndLeaf() {
        Params<Tensor> p = Params.of("w", Tensor.of(1, 2), "b", Tensor.of(3));
        Objective f = (x, g) -> {
            double[] b = {x[2]};
            Arrays.fill(g, 0.1);
            if (x[2] < 2.995) {
                g[2] = Double.NaN;
            }
            return b[0];
        };
        NonFiniteException e = assertThrows(NonFiniteException.class, () -> Minimize.with(Optimizers.sgd(0.1)).steps(10).run(f, p));
        assertEquals(1, e.step());
        assertEquals("b", e.leaf());
        assertEquals(0, e.index());
        assertTrue(e.getMessage().startsWith("Minimize: step 1: the gradient of leaf 'b' is NaN at element 0"), e.getMessage());
        Objective nanLoss = (x, g) -> {
            Arrays.fill(g, 1);
            return x[0] < 0.5 ? Double.POSITIVE_INFINITY : x[0];
        };
        e = assertThrows(NonFiniteException.class, () -> Minimize.with(Optimizers.sgd(0.3)).steps(10).run(nanLoss, new double[] {1}));
        assertEquals(2, e.step());
        assertTrue(e.getMessage().contains("step 2: the loss is Infinity"), e.getMessage());
    }

    @Test
    void skipNonFiniteRecordsSkippedStepsAndContinues() {
        int[] calls = {0};
        Objective flaky = (x, g) -> {
            double f = Problems.quad(x, g);
            if (++calls[0] % 4 == 0) {
                g[1] = Double.NaN;
            }
            return f;
        };
        Result r = Minimize.with(Transforms.skipNonFinite(Optimizers.adam(0.05))).steps(400).run(flaky, new double[3]);
        assertEquals(100, r.history().skippedSteps());
        assertTrue(r.history().skipped(3) && !r.history().skipped(4));
        assertEquals(100, r.state().find(SkipNonFinite.SkipState.class).skipped());
        assertTrue(ConvergenceTest.distance(r.x(), new double[] {0.5447080292911449, -1.2682481750573187, 0.8804744523807077}) < 1e-3);
    }

    @Test
    void miniBatchesWithAndWithoutReplacement() {
        int examples = 10;
        List<int[]> seen = new ArrayList<>();
        BatchObjective f = new BatchObjective() {
            @Override
            public int examples() {
                return examples;
            }

            @Override
            public double valueAndGrad(double[] x, int[] batch, double[] grad) {
                seen.add(batch.clone());
                grad[0] = x[0];
                return 0.5 * x[0] * x[0];
            }
        };
        Minimize.with(Optimizers.sgd(0.1)).steps(15).batches(3, Sampling.WITHOUT_REPLACEMENT, 42).run(f, new double[] {1});
        for (int epoch = 0; epoch < 5; epoch++) {
            Set<Integer> inEpoch = new HashSet<>();
            for (int b = 0; b < 3; b++) {
                for (int i : seen.get(epoch * 3 + b)) {
                    assertTrue(inEpoch.add(i), "no example twice within an epoch");
                }
            }
        }
        assertNotEquals(Arrays.toString(seen.get(0)), Arrays.toString(seen.get(3)), "each epoch reshuffles");
        List<int[]> first = new ArrayList<>(seen);
        seen.clear();
        Minimize.with(Optimizers.sgd(0.1)).steps(15).batches(3, Sampling.WITHOUT_REPLACEMENT, 42).run(f, new double[] {1});
        for (int k = 0; k < 15; k++) {
            assertArrayEquals(first.get(k), seen.get(k), "the same seed draws the same batches");
        }
        seen.clear();
        Minimize.with(Optimizers.sgd(0.1)).steps(2000).batches(4, Sampling.WITH_REPLACEMENT, 7).run(f, new double[] {1});
        int[] counts = new int[examples];
        boolean repeated = false;
        for (int[] b : seen) {
            Set<Integer> in = new HashSet<>();
            for (int i : b) {
                counts[i]++;
                repeated |= !in.add(i);
            }
        }
        assertTrue(repeated, "with replacement, a batch can repeat an example");
        for (int c : counts) {
            assertEquals(800, c, 100, "uniform draws: 8000 indices over 10 examples");
        }
    }

    /** A linear regression y = X w + b with mean squared error, as a Func of (w, b, X rows, y rows). */
    static Func regression() {
        return Func.of(4, a -> new Value[] {a[2].matmul(a[0]).add(a[1]).sub(a[3]).square().mean()});
    }

    @Test
    void funcObjectivesTakeDataAsArgumentsAndBatchesGatherRows() {
        descent.tensor.Rng rng = new descent.tensor.Rng(5);
        Tensor xs = rng.normal(40, 3);
        Tensor wTrue = Tensor.of(new double[][] {{1}, {-2}, {0.5}});
        Tensor ys = xs.matmul(wTrue).add(0.25);
        Params<Tensor> p = Params.of("w", Tensor.zeros(3, 1), "b", Tensor.zeros(1));
        Result full = Minimize.with(Optimizers.adam(0.05)).steps(3000).stopWhen(Stop.gradientNorm(1e-10))
                .run(Objective.of(regression(), p, xs, ys), p);
        assertTrue(full.params().get("w").allClose(wTrue, 0, 1e-8) && Math.abs(full.params().get("b").item() - 0.25) < 1e-8,
                full.params().get("w") + " " + full.params().get("b"));
        BatchObjective batches = BatchObjective.of(regression(), p, xs, ys);
        assertEquals(40, batches.examples());
        double[] x = ParamLayout.of(p).flatten(Params.of("w", Tensor.of(new double[][] {{0.3}, {0.1}, {-0.2}}), "b", Tensor.of(0.7)));
        double[] g = new double[4];
        int[] rows = {3, 17, 17, 39};
        double f = batches.valueAndGrad(x, rows, g);
        double expected = 0;
        double[] eg = new double[4];
        for (int r : rows) {
            double res = x[3] - ys.get(r, 0);
            for (int j = 0; j < 3; j++) {
                res += xs.get(r, j) * x[j];
            }
            expected += res * res / rows.length;
            for (int j = 0; j < 3; j++) {
                eg[j] += 2 * res * xs.get(r, j) / rows.length;
            }
            eg[3] += 2 * res / rows.length;
        }
        assertEquals(expected, f, 1e-14);
        assertArrayEquals(eg, g, 1e-14);
        Result sgd = Minimize.with(Optimizers.sgd(0.05)).steps(3000).batches(8, Sampling.WITHOUT_REPLACEMENT, 1).run(batches, p);
        assertTrue(sgd.params().get("w").allClose(wTrue, 0, 1e-6), sgd.params().get("w").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Objective.of(regression(), p, xs));
        assertTrue(e.getMessage().contains("takes 4 arguments, but there are 2 parameter leaves [w, b] and 1 data tensors"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BatchObjective.of(regression(), p, xs, Tensor.zeros(39, 1)));
        assertTrue(e.getMessage().contains("same number of rows"), e.getMessage());
    }

    /** Adam with a warmup-cosine schedule on shuffled mini-batches of a linear regression. */
    Minimize resumable(long steps, Path file) {
        Minimize m = Minimize.with(Transforms.chain(Transforms.clipByGlobalNorm(5),
                        Optimizers.adamW(Schedule.warmupCosine(0, 0.05, 10, 60, 1e-3), 0.9, 0.999, 1e-8, 1e-3)))
                .steps(steps).batches(6, Sampling.WITHOUT_REPLACEMENT, 11);
        return file == null ? m : m.checkpoint(file, 7);
    }

    static BatchObjective data() {
        descent.tensor.Rng rng = new descent.tensor.Rng(9);
        Tensor xs = rng.normal(50, 3);
        Tensor ys = xs.matmul(Tensor.of(new double[][] {{1}, {-2}, {0.5}})).add(rng.normal(0.0, 0.1, 50, 1));
        return BatchObjective.of(regression(), Params.of("w", Tensor.zeros(3, 1), "b", Tensor.zeros(1)), xs, ys);
    }

    static final Params<Tensor> START = Params.of("w", Tensor.zeros(3, 1), "b", Tensor.zeros(1));

    @Test
    void aResumedRunIsBitIdenticalToAnUninterruptedOne() {
        Result whole = resumable(60, null).run(data(), START);
        Path file = dir.resolve("run.ckpt");
        Result first = resumable(25, file).run(data(), START);
        assertEquals(25, first.steps());
        Result resumed = resumable(60, file).resume(file).run(data(), START);
        assertEquals(60, resumed.steps());
        assertArrayEquals(whole.x(), resumed.x(), "parameters bit for bit");
        assertArrayEquals(whole.history().losses(), resumed.history().losses(), "every loss bit for bit");
        assertArrayEquals(whole.history().learningRates(), resumed.history().learningRates());
        Path mid = dir.resolve("mid.ckpt");
        resumable(60, mid).every(1, p -> {
            if (p.step() == 30) {
                p.stop();
            }
        }).run(data(), START);
        Result fromMid = resumable(60, null).resume(mid).run(data(), START);
        assertArrayEquals(whole.x(), fromMid.x(), "from the checkpoint of step 28 (every 7 steps)");
    }

    @Test
    void damagedOrForeignCheckpointsAreRejectedWhole() throws IOException {
        Path file = dir.resolve("run.ckpt");
        resumable(25, file).run(data(), START);
        byte[] good = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.ckpt");
        Files.write(truncated, Arrays.copyOf(good, good.length - 100));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> resumable(60, null).resume(truncated).run(data(), START));
        assertTrue(e.getMessage().contains("checksum mismatch") && e.getMessage().contains("nothing was restored"), e.getMessage());
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        Path corrupt = dir.resolve("corrupt.ckpt");
        Files.write(corrupt, flipped);
        e = assertThrows(IllegalArgumentException.class, () -> resumable(60, null).resume(corrupt).run(data(), START));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        Path text = dir.resolve("text.ckpt");
        Files.writeString(text, "hello");
        e = assertThrows(IllegalArgumentException.class, () -> resumable(60, null).resume(text).run(data(), START));
        assertTrue(e.getMessage().contains("not a Descent checkpoint"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Minimize.with(Optimizers.adam(0.1)).steps(60)
                .batches(6, Sampling.WITHOUT_REPLACEMENT, 11).resume(file).run(data(), START));
        assertTrue(e.getMessage().contains("optimizer state has 4 arrays, this optimizer's has 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> resumable(60, null).resume(file)
                .run(data(), Params.of("w", Tensor.zeros(3, 1), "c", Tensor.zeros(1))));
        assertTrue(e.getMessage().contains("it holds parameters"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Minimize.with(Optimizers.adam(0.1)).resume(dir.resolve("missing")));
        assertThrows(UncheckedIOException.class, () -> Minimize.with(Optimizers.adam(0.1)).steps(3)
                .checkpoint(Path.of("/proc/no/such/dir/x.ckpt"), 1).run(Problems::quad, new double[3]));
    }

    @Test
    void averagingMethodsReportTheirAverage() {
        Result r = Minimize.with(Optimizers.scheduleFreeSgd(0.1)).steps(30).run(Problems::quad, new double[3]);
        double[] point = new double[3];
        Optimizers.scheduleFreeSgd(0.1).evaluationPoint(r.state(), new double[3], point);
        assertArrayEquals(point, r.x(), 0);
        double[] g = new double[3];
        assertEquals(Problems.quad(r.x(), g), r.value(), 0, "the value is at the reported point");
    }

    @Test
    void theReportedPointIsTheParametersOnlyForMethodsThatEvaluateThere() {
        Transform[] atParams = {Optimizers.adam(0.1), Optimizers.sgd(0.1), Transforms.skipNonFinite(Optimizers.adam(0.1))};
        for (Transform t : atParams) {
            Result r = Minimize.with(t).steps(20).run(Problems::quad, new double[] {1, 2, 3});
            assertTrue(t.evaluatesAtParams(r.state()), t.toString());
            double[] point = new double[3];
            t.evaluationPoint(r.state(), r.x(), point);
            assertArrayEquals(point, r.x(), 0);
        }
        Transform[] averaged = {Optimizers.scheduleFreeSgd(0.1), Transforms.paramEma(Optimizers.sgd(0.1), 0.9),
            Optimizers.sgd(0.1).then(Transforms.paramEma(Optimizers.sgd(1), 0.9)), Optimizers.asgd(0.1, 1e-4, 0.75, 0, 0)};
        for (Transform t : averaged) {
            Result r = Minimize.with(t).steps(20).run(Problems::quad, new double[] {1, 2, 3});
            assertFalse(t.evaluatesAtParams(r.state()), t.toString());
            double[] g = new double[3];
            assertEquals(Problems.quad(r.x(), g), r.value(), 0, "the value is at the reported point");
        }
    }
}
