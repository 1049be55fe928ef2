package descent.optim;

import descent.tensor.Params;
import descent.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After the first steps, updates allocate nothing: every optimizer and combinator, on a model
 * large enough for the multi-threaded kernels, and the minimize loop with a compiled Func
 * objective (measured on the calling thread, as PlanTest does). The bound is under 4 bytes per
 * call on average: any object created per call (16 bytes at least) exceeds it, while a rare
 * event of the runtime on this thread (the fork-join pool starting a worker again) does not.
 */
class AllocationTest {
    static final com.sun.management.ThreadMXBean BEAN = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static long allocated(Runnable r) {
        long tid = Thread.currentThread().getId();
        long before = BEAN.getThreadAllocatedBytes(tid);
        r.run();
        return BEAN.getThreadAllocatedBytes(tid) - before;
    }

    static Map<String, Transform> catalogue() {
        Map<String, Transform> m = new LinkedHashMap<>();
        m.put("sgd", Optimizers.sgd(0.01, 0.9, 0, 1e-4, true));
        m.put("adagrad", Optimizers.adagrad(0.01));
        m.put("adadelta", Optimizers.adadelta());
        m.put("rmsprop", Optimizers.rmsprop(1e-3, 0.99, 1e-8, 0, 0.9, true));
        m.put("rprop", Optimizers.rprop(1e-3));
        m.put("asgd", Optimizers.asgd(1e-3));
        m.put("adam", Optimizers.adam(1e-3));
        m.put("adamW", Optimizers.adamW(1e-3));
        m.put("amsgrad", Optimizers.amsgrad(1e-3));
        m.put("adamax", Optimizers.adamax(1e-3));
        m.put("nadam", Optimizers.nadam(1e-3));
        m.put("radam", Optimizers.radam(1e-3));
        m.put("adaBelief", Optimizers.adaBelief(1e-3));
        m.put("lion", Optimizers.lion(1e-4));
        m.put("adafactor", Optimizers.adafactor());
        m.put("adamMini", Optimizers.adamMini(1e-3));
        m.put("signSgd", Optimizers.signSgd(1e-3));
        m.put("signum", Optimizers.signum(1e-3));
        m.put("normalizedGd", Optimizers.normalizedGd(1e-3));
        m.put("clippedSgd", Optimizers.clippedSgd(1e-3, 1));
        m.put("orthoGrad", Optimizers.orthoGrad(Optimizers.adam(1e-3)));
        m.put("scheduleFreeSgd", Optimizers.scheduleFreeSgd(0.1));
        m.put("scheduleFreeAdamW", Optimizers.scheduleFreeAdamW(1e-3));
        m.put("prodigy", Optimizers.prodigy());
        m.put("muon", Optimizers.muon(0.02));
        m.put("sam", Optimizers.sam(Optimizers.sgd(0.01)));
        m.put("asam", Optimizers.asam(Optimizers.sgd(0.01)));
        m.put("gam", Optimizers.gam(Optimizers.sgd(0.01)));
        m.put("sps", Optimizers.sps(1));
        m.put("sgld", Optimizers.sgld(1e-3, 1e-3, 1));
        m.put("chain(clip, weightDecay, schedule)", Transforms.chain(Transforms.clipByGlobalNorm(1), Transforms.clipByNorm(1),
                Transforms.clipByValue(1), Transforms.weightDecay(1e-4), Transforms.scaleByLearningRate(Schedule.cosine(1e-3, 100, 0))));
        m.put("partition/freeze/masked", Transforms.freeze(p -> p.equals("s"), Transforms.masked(p -> p.startsWith("a"),
                Optimizers.adamW(1e-3))));
        m.put("skipNonFinite/accumulate/lookahead/paramEma", Transforms.skipNonFinite(Transforms.accumulate(
                Transforms.lookahead(Transforms.paramEma(Optimizers.adam(1e-3), 0.99), 5, 0.5), 2)));
        m.put("reduceOnPlateau", Transforms.chain(Optimizers.adam(1e-3), Transforms.reduceOnPlateau(0.5, 2, 1e-4, 0, 0)));
        return m;
    }

    /** A vector leaf long enough for the multi-threaded kernels, a matrix and a bias. */
    static final descent.tensor.ParamLayout LAYOUT = descent.tensor.ParamLayout.of(
            Params.of("v", Tensor.zeros(70_000), "m", Tensor.zeros(20, 30), "b", Tensor.zeros(30)));

    @Test
    void updatesAllocateNothingAfterWarmUp() {
        int n = LAYOUT.size();
        assertTrue(n >= Loop.PARALLEL_MIN);
        double[] g0 = new descent.tensor.Rng(1).normal(n).toArray();
        StringBuilder failures = new StringBuilder();
        for (Map.Entry<String, Transform> e : catalogue().entrySet()) {
            Transform t = e.getValue();
            double[] p = g0.clone();
            double[] g = new double[n];
            State s = t.init(LAYOUT, p);
            double[] loss = {1};
            Context ctx = new Context();
            Context.Oracle oracle = (x, grad) -> {
                System.arraycopy(g0, 0, grad, 0, n);
                return loss[0];
            };
            Runnable steps = () -> {
                for (int k = 0; k < 50; k++) {
                    System.arraycopy(g0, 0, g, 0, n);
                    ctx.set(loss[0] -= 1e-3, oracle);
                    t.step(g, s, p, ctx);
                    System.arraycopy(g0, 0, g, 0, n);
                    t.update(g, s, p, ctx);
                }
            };
            // warm up until the JIT has compiled the step (escape analysis removes interpreter-time boxing)
            long bytes = Long.MAX_VALUE;
            for (int round = 0; round < 40 && bytes >= 4 * 100; round++) {
                bytes = allocated(steps);
            }
            if (bytes >= 4 * 100) {
                failures.append(e.getKey()).append(": ").append(bytes).append(" bytes in 100 calls; ");
            }
        }
        assertTrue(failures.length() == 0, failures.toString());
    }

    /** Bytes allocated per step between steps 1000 and 3000 of a run, measured by a callback. */
    static double perStep(Minimize m, Objective f, Params<Tensor> x0) {
        long tid = Thread.currentThread().getId();
        long[] marks = new long[3];
        int[] k = {0};
        m.steps(3000).every(1000, p -> marks[k[0]++] = BEAN.getThreadAllocatedBytes(tid)).run(f, x0);
        return (marks[2] - marks[0]) / 2000.0;
    }

    @Test
    void theMinimizeLoopAllocatesNothingPerStep() {
        Params<Tensor> x0 = Params.of("x", Tensor.of(-1.2, 1, 0.8));
        Transform adam = Transforms.skipNonFinite(Optimizers.adam(1e-3));
        perStep(Minimize.with(adam), Problems::rosen, x0);
        double bytes = perStep(Minimize.with(adam).stopWhen(Stop.gradientNorm(1e-30)).every(7, p -> { }), Problems::rosen, x0);
        assertTrue(bytes < 4, "a step allocated " + bytes + " bytes");
    }

    /**
     * A training step of a compiled Func objective with Adam allocates no more than evaluating
     * the objective alone: the loop, the adapter and the optimizer add nothing. (The plan's own
     * runs allocate a little: Tensor.isContiguous builds a strides array per input.)
     */
    @Test
    void aTrainingStepAllocatesNoMoreThanItsObjective() {
        Mlp mlp = new Mlp(64, 16);
        Params<Tensor> p0 = mlp.init(1);
        Objective f = mlp.objective(p0);
        Transform adam = Optimizers.adam(1e-3);
        perStep(Minimize.with(adam), f, p0);
        double step = perStep(Minimize.with(adam), f, p0);
        double[] x = descent.tensor.ParamLayout.of(p0).flatten(p0);
        double[] g = new double[x.length];
        double evaluation = allocated(() -> {
            for (int k = 0; k < 2000; k++) {
                f.valueAndGrad(x, g);
            }
        }) / 2000.0;
        assertTrue(step - evaluation < 4, "a step allocated " + step + " bytes, the objective alone " + evaluation);
    }
}
