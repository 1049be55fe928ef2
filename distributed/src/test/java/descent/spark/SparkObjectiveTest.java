package descent.spark;

import descent.ad.Fn2;
import descent.ad.Func;
import descent.optim.BatchObjective;
import descent.optim.LineSearch;
import descent.optim.Methods;
import descent.optim.Minimize;
import descent.optim.Objective;
import descent.optim.Optimizers;
import descent.optim.Result;
import descent.optim.Sampling;
import descent.optim.Stop;
import descent.tensor.ParamLayout;
import descent.tensor.Params;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * l2-regularized logistic regression on 200,000 synthetic rows of 50 features: distributed
 * evaluations against plain-Java references, partition-count invariance, and optimizers on the
 * driver against the same optimizers on one machine.
 */
class SparkObjectiveTest {
    private static final int ROWS = 200_000;
    private static final int D = 50;
    private static final long SEED = 7;
    private static final double LAMBDA = 1e-3;
    private static final int[] PARTITIONS = {1, 2, 7};

    private static JavaSparkContext sc;
    private static double[] matrix;
    private static final SparkObjective[] objectives = new SparkObjective[PARTITIONS.length];

    @BeforeAll
    static void start() {
        sc = LocalSpark.start("local[2]", "SparkObjectiveTest");
        matrix = Synthetic.matrix(ROWS, D, SEED);
        for (int k = 0; k < PARTITIONS.length; k++) {
            objectives[k] = SparkObjective.builder(Synthetic.logistic(sc, ROWS, D, PARTITIONS[k], SEED), D + 1, D, Losses.logistic(D))
                    .mean().regularizer(Losses.l2(LAMBDA)).build();
        }
    }

    @AfterAll
    static void stop() {
        for (SparkObjective f : objectives) {
            if (f != null) {
                f.close();
            }
        }
        sc.stop();
    }

    /** The same objective on one machine: Descent's own Objective over the whole matrix, plus the penalty. */
    private static Objective singleMachine() {
        Func f = Func.of((Fn2) Losses.logistic(D)::apply);
        ParamLayout layout = ParamLayout.ofShapes(Params.of(Shape.class, "w", Shape.of(D)));
        Objective sum = Objective.of(f, layout, Tensor.wrap(matrix, ROWS, D + 1));
        return (x, g) -> {
            double v = sum.valueAndGrad(x, g);
            double r = 0;
            for (int j = 0; j < D; j++) {
                g[j] = g[j] / ROWS + LAMBDA * x[j];
                r += x[j] * x[j];
            }
            return v / ROWS + 0.5 * LAMBDA * r;
        };
    }

    private static double[] randomPoint(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] w = new double[D];
        for (int j = 0; j < D; j++) {
            w[j] = r.nextDouble(-0.5, 0.5);
        }
        return w;
    }

    private static double norm(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    private static double maxDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    @Test
    void evaluationsMatchThePlainJavaReferenceAndDoNotDependOnThePartitioning() {
        double[] w = randomPoint(1);
        double[] v = randomPoint(2);
        double[] refGrad = new double[D];
        double refValue = LogisticReference.valueAndGrad(matrix, ROWS, D, LAMBDA, w, refGrad);
        double[] refHvp = LogisticReference.hvp(matrix, ROWS, D, LAMBDA, w, v);
        double[][] grads = new double[PARTITIONS.length][D];
        double[][] hvps = new double[PARTITIONS.length][D];
        double[] values = new double[PARTITIONS.length];
        for (int k = 0; k < PARTITIONS.length; k++) {
            assertEquals(PARTITIONS[k], objectives[k].partitions());
            assertEquals(ROWS, objectives[k].examples());
            values[k] = objectives[k].valueAndGrad(w, grads[k]);
            objectives[k].hvp(w, v, hvps[k]);
            assertEquals(refValue, values[k], 1e-12 * refValue, "value with " + PARTITIONS[k] + " partitions");
            assertTrue(maxDiff(refGrad, grads[k]) <= 1e-12 * norm(refGrad), "gradient with " + PARTITIONS[k] + " partitions");
            assertTrue(maxDiff(refHvp, hvps[k]) <= 1e-12 * norm(refHvp), "Hessian-vector product with " + PARTITIONS[k] + " partitions");
        }
        for (int k = 1; k < PARTITIONS.length; k++) {
            assertEquals(values[0], values[k], 1e-12 * Math.abs(values[0]), "1 vs " + PARTITIONS[k] + " partitions");
            assertTrue(maxDiff(grads[0], grads[k]) <= 1e-12 * norm(grads[0]), "gradient, 1 vs " + PARTITIONS[k] + " partitions: "
                    + maxDiff(grads[0], grads[k]) / norm(grads[0]));
            assertTrue(maxDiff(hvps[0], hvps[k]) <= 1e-12 * norm(hvps[0]), "product, 1 vs " + PARTITIONS[k] + " partitions");
        }
    }

    @Test
    void distributedLbfgsReachesTheSingleMachineOptimumInAsManyIterations() {
        Result single = Minimize.with(Methods.lbfgs(10, LineSearch.strongWolfe(), 1e-9, 0)).steps(500).run(singleMachine(), new double[D]);
        SparkObjective f = objectives[1];
        long before = f.evaluations();
        Result distributed = f.minimize(Minimize.with(Methods.lbfgs(10, LineSearch.strongWolfe(), 1e-9, 0)).steps(500), new double[D]);
        assertEquals(single.reason(), distributed.reason());
        assertEquals(single.iterations(), distributed.iterations());
        assertEquals(single.evaluations(), distributed.evaluations());
        assertEquals(distributed.evaluations(), f.evaluations() - before);
        double[] x = distributed.x();
        double scale = Math.max(1, norm(single.x()));
        assertTrue(maxDiff(single.x(), x) <= 1e-8 * scale, "optimum differs by " + maxDiff(single.x(), x));
        double[] g = new double[D];
        double value = LogisticReference.valueAndGrad(matrix, ROWS, D, LAMBDA, x, g);
        assertEquals(value, distributed.value(), 1e-12 * value);
        assertTrue(norm(g) < 1e-8, "the reference gradient at the distributed optimum is " + norm(g));
        double[] truth = Synthetic.truth(D, SEED);
        assertTrue(maxDiff(truth, x) < 0.1 * norm(truth), "the estimate is far from the weights that generated the data");
    }

    @Test
    void newtonCgWithDistributedProductsReachesTheSameOptimum() {
        Result lbfgs = Minimize.with(Methods.lbfgs(10, LineSearch.strongWolfe(), 1e-10, 0)).steps(500).run(singleMachine(), new double[D]);
        SparkObjective f = objectives[2];
        Result newton = f.minimize(Minimize.with(Methods.newtonCg()).stopWhen(Stop.gradientNorm(1e-10)).steps(50), new double[D]);
        assertTrue(newton.hessianProducts() > 0);
        assertTrue(newton.iterations() < lbfgs.iterations(), newton.iterations() + " Newton iterations vs " + lbfgs.iterations());
        double[] g = new double[D];
        LogisticReference.valueAndGrad(matrix, ROWS, D, LAMBDA, newton.x(), g);
        assertTrue(norm(g) < 1e-8, "reference gradient " + norm(g) + " after " + newton);
        assertTrue(maxDiff(lbfgs.x(), newton.x()) <= 1e-8 * Math.max(1, norm(lbfgs.x())));
    }

    @Test
    void adamOnDistributedMiniBatchesFollowsTheSingleMachineRun() {
        Func f = Func.of((Fn2) Losses.logistic(D)::apply);
        ParamLayout layout = ParamLayout.ofShapes(Params.of(Shape.class, "w", Shape.of(D)));
        BatchObjective sum = BatchObjective.of(f, layout, Tensor.wrap(matrix, ROWS, D + 1));
        BatchObjective single = new BatchObjective() {
            @Override
            public int examples() {
                return ROWS;
            }

            @Override
            public double valueAndGrad(double[] x, int[] batch, double[] g) {
                double v = sum.valueAndGrad(x, batch, g);
                double r = 0;
                for (int j = 0; j < D; j++) {
                    g[j] = g[j] / batch.length + LAMBDA * x[j];
                    r += x[j] * x[j];
                }
                return v / batch.length + 0.5 * LAMBDA * r;
            }
        };
        int steps = 60;
        Result local = Minimize.with(Optimizers.adam(0.05)).steps(steps).batches(512, Sampling.WITHOUT_REPLACEMENT, 3).run(single, new double[D]);
        Result distributed = Minimize.with(Optimizers.adam(0.05)).steps(steps).batches(512, Sampling.WITHOUT_REPLACEMENT, 3)
                .run(objectives[2].batched(), new double[D]);
        for (int s = 0; s < steps; s++) {
            assertEquals(local.history().loss(s), distributed.history().loss(s), 1e-12 * local.history().loss(s), "loss at step " + s);
        }
        assertTrue(maxDiff(local.x(), distributed.x()) < 1e-10, "iterates differ by " + maxDiff(local.x(), distributed.x()));
        Result optimum = Minimize.with(Methods.lbfgs(10, LineSearch.strongWolfe(), 1e-9, 0)).steps(500).run(singleMachine(), new double[D]);
        double[] g = new double[D];
        double start = LogisticReference.valueAndGrad(matrix, ROWS, D, LAMBDA, new double[D], g);
        double end = LogisticReference.valueAndGrad(matrix, ROWS, D, LAMBDA, distributed.x(), g);
        assertTrue(end - optimum.value() < 0.1 * (start - optimum.value()), "Adam ended at " + end + ", the optimum is " + optimum.value());
    }
}
