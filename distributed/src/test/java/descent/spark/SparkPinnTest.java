package descent.spark;

import descent.ad.AD;
import descent.ad.Outputs;
import descent.optim.LineSearch;
import descent.optim.Methods;
import descent.optim.Minimize;
import descent.optim.Objective;
import descent.optim.Result;
import descent.pinn.Mlp;
import descent.pinn.Pinn;
import descent.pinn.zoo.Zoo;
import descent.stde.Estimator;
import descent.tensor.Key;
import descent.tensor.ParamLayout;
import descent.tensor.Params;
import descent.tensor.Tensor;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 2-D Poisson PINN with its collocation points over 3 partitions, against single-machine evaluations of the same points. */
class SparkPinnTest {
    private static final int P = 3;
    private static final long SEED = 42;
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = LocalSpark.start("local[2]", "SparkPinnTest");
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    private static PinnSource exact() {
        return () -> Pinn.builder(Zoo.poisson2d(), Mlp.builder(2).hidden(16, 2).build()).estimator(Estimator.exact()).points(64)
                .boundaryPoints(16).build();
    }

    private static PinnSource stde() {
        return () -> Pinn.builder(Zoo.poisson2d(), Mlp.builder(2).hidden(16, 2).build()).estimator(Estimator.sparse(1)).points(64)
                .boundaryPoints(16).build();
    }

    /** Value and flat gradient of the loss on one machine, for the given points of each term and key. */
    private static double valueAndGrad(Pinn pinn, Params<Tensor> params, Tensor[] points, Key key, double[] grad) {
        Object[] args = new Object[points.length + 2];
        args[0] = params;
        System.arraycopy(points, 0, args, 1, points.length);
        args[args.length - 1] = key.toTensor();
        Outputs out = AD.valueAndGrad(pinn.loss(), 0).eval(args);
        double[] g = ParamLayout.of(params).flatten(out.params(1));
        System.arraycopy(g, 0, grad, 0, g.length);
        return out.tensor(0).item();
    }

    /** All partitions' points of each term, concatenated. */
    private static Tensor[] allPoints(SparkPinn f) {
        Tensor[] all = f.points(0);
        for (int p = 1; p < P; p++) {
            Tensor[] more = f.points(p);
            for (int t = 0; t < all.length; t++) {
                all[t] = Tensor.concat(0, all[t], more[t]);
            }
        }
        return all;
    }

    private static double maxDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static double norm(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    @Test
    void withAnExactOperatorTheLossIsTheSingleMachineLossOfAllPartitionsPoints() {
        try (SparkPinn f = SparkPinn.of(sc, exact(), P, SEED)) {
            Params<Tensor> init = f.pinn().init(Key.of(1));
            double[] x = ParamLayout.of(init).flatten(init);
            double[] g = new double[x.length];
            double value = f.valueAndGrad(x, g);
            double[] ref = new double[x.length];
            double expected = valueAndGrad(f.pinn(), init, allPoints(f), Key.of(0), ref);
            assertEquals(expected, value, 1e-12 * expected);
            assertTrue(maxDiff(ref, g) <= 1e-12 * norm(ref), "gradients differ by " + maxDiff(ref, g) / norm(ref));
            assertTrue(f.points(0)[0].shape().dim(0) == 64 && !f.points(0)[0].equals(f.points(1)[0]), "partitions draw their own points");
        }
    }

    @Test
    void withStdeEachPartitionUsesItsOwnKeyAndTheLossIsTheirMean() {
        try (SparkPinn f = SparkPinn.of(sc, stde(), P, SEED)) {
            Params<Tensor> init = f.pinn().init(Key.of(1));
            double[] x = ParamLayout.of(init).flatten(init);
            double[] g = new double[x.length];
            double value = f.valueAndGrad(x, g);
            double expected = 0;
            double[] ref = new double[x.length];
            double[] part = new double[x.length];
            for (int p = 0; p < P; p++) {
                expected += valueAndGrad(f.pinn(), init, f.points(p), f.key(p), part) / P;
                for (int i = 0; i < x.length; i++) {
                    ref[i] += part[i] / P;
                }
            }
            assertEquals(expected, value, 1e-12 * expected);
            assertTrue(maxDiff(ref, g) <= 1e-12 * norm(ref), "gradients differ by " + maxDiff(ref, g) / norm(ref));
        }
    }

    @Test
    void distributedLbfgsFollowsTheSingleMachineRunOnTheSamePoints() {
        try (SparkPinn f = SparkPinn.of(sc, exact(), P, SEED)) {
            Params<Tensor> init = f.pinn().init(Key.of(1));
            Tensor[] all = allPoints(f);
            Objective single = (x, g) -> valueAndGrad(f.pinn(), ParamLayout.of(init).unflatten(x), all, Key.of(0), g);
            int steps = 25;
            Result local = Minimize.with(Methods.lbfgs(20, LineSearch.strongWolfe(), 0, 0)).steps(steps).run(single, init);
            Result distributed = f.minimize(Minimize.with(Methods.lbfgs(20, LineSearch.strongWolfe(), 0, 0)).steps(steps), init);
            assertEquals(local.iterations(), distributed.iterations());
            for (int s = 0; s < steps; s++) {
                assertEquals(local.history().loss(s), distributed.history().loss(s), 1e-9 * local.history().loss(s), "loss at step " + s);
            }
            assertTrue(distributed.value() < 0.1 * distributed.history().loss(0), "the loss fell from " + distributed.history().loss(0)
                    + " to " + distributed.value());
        }
    }
}
