package descent.finitesum;

import descent.ad.Func;
import descent.optim.LineSearch;
import descent.optim.Method;
import descent.optim.Methods;
import descent.optim.Minimize;
import descent.optim.Objective;
import descent.optim.Result;
import descent.optim.Stop;
import descent.tensor.Tensor;
import descent.tensor.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Variance-reduced methods on l2-regularized logistic regression with n = 1000 terms. */
class VarianceReductionTest {
    static final int N = 1000;
    static final int D = 10;
    static final double MU = 0.01;
    static final double[][] A = new double[N][D];
    static final double[] B = new double[N];
    static final FiniteSum SUM;
    static final double F_STAR;

    static {
        Random rnd = new Random(11);
        double[] w = new double[D];
        for (int j = 0; j < D; j++) {
            w[j] = rnd.nextGaussian();
        }
        for (int i = 0; i < N; i++) {
            double s = 0;
            for (int j = 0; j < D; j++) {
                A[i][j] = rnd.nextGaussian();
                s += A[i][j] * w[j];
            }
            B[i] = s + rnd.nextGaussian() > 0 ? 1 : -1;
        }
        Func term = Func.of(3, xs -> new Value[] {xs[1].dot(xs[0]).mul(xs[2]).neg().softplus().add(xs[0].square().sum().mul(MU / 2))});
        SUM = FiniteSum.of(term, D, Tensor.of(A), Tensor.of(B));
        Result ref = Minimize.with(Methods.lbfgs(20, LineSearch.strongWolfe(), 0, 0)).steps(500).stopWhen(Stop.gradientNorm(1e-13))
                .run(SUM.objective(), new double[D]);
        F_STAR = ref.value();
    }

    /** The loss and gradient written out by hand, for the AD-batched sum to match. */
    private static double reference(double[] x, double[] g) {
        java.util.Arrays.fill(g, 0);
        double f = 0;
        for (int i = 0; i < N; i++) {
            double z = 0;
            for (int j = 0; j < D; j++) {
                z += A[i][j] * x[j];
            }
            double m = -B[i] * z;
            f += Math.max(m, 0) + Math.log1p(Math.exp(-Math.abs(m)));
            double s = 1 / (1 + Math.exp(-m));
            for (int j = 0; j < D; j++) {
                g[j] += -B[i] * s * A[i][j];
            }
        }
        double xx = 0;
        for (int j = 0; j < D; j++) {
            g[j] = g[j] / N + MU * x[j];
            xx += x[j] * x[j];
        }
        return f / N + MU / 2 * xx;
    }

    @Test
    void theBatchedSumMatchesTheLossWrittenByHand() {
        double[] x = {0.3, -0.2, 0.1, 0.5, -1, 0.7, 0.2, 0, -0.4, 0.9};
        double[] g1 = new double[D];
        double[] g2 = new double[D];
        assertEquals(reference(x, g2), SUM.objective().valueAndGrad(x, g1), 1e-13);
        assertArrayEquals(g2, g1, 1e-13);
        Objective handWritten = VarianceReductionTest::reference;
        assertEquals(F_STAR, Minimize.with(Methods.lbfgs(20, LineSearch.strongWolfe(), 0, 0)).steps(500).stopWhen(Stop.gradientNorm(1e-13))
                .run(handWritten, new double[D]).value(), 1e-14);
    }

    private static double[] suboptimality(Method m, int epochs) {
        double[] losses = Minimize.with(m).steps(epochs).run(SUM.objective(), new double[D]).history().losses();
        double[] s = new double[losses.length];
        for (int k = 0; k < s.length; k++) {
            s[k] = losses[k] - F_STAR;
        }
        return s;
    }

    /** Least-squares slope of {@code log s[k]} against {@code k} over {@code [from, to)}. */
    private static double slope(double[] s, int from, int to) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int k = from; k < to; k++) {
            double y = Math.log(s[k]);
            sx += k;
            sy += y;
            sxx += (double) k * k;
            sxy += k * y;
        }
        int c = to - from;
        return (c * sxy - sx * sy) / (c * sxx - sx * sx);
    }

    @Test
    void svrgAndSagaConvergeLinearlyWhereSgdStallsAtANoiseFloor() {
        double step = 0.05;
        int epochs = 25;
        double[] sgd = suboptimality(FiniteSumMethods.sgd(SUM, step, 1, 0, 1), epochs);
        for (Method m : new Method[] {FiniteSumMethods.svrg(SUM, step, 1, 0, 1), FiniteSumMethods.saga(SUM, step, 1, 0, 1),
            FiniteSumMethods.looplessSvrg(SUM, step, 1.0 / N, 1, 0, 1), FiniteSumMethods.svrgImportance(SUM, step, 1, 0, 1),
            FiniteSumMethods.sarah(SUM, step, 1, 0, 1)}) {
            double[] s = suboptimality(m, epochs);
            int end = 1;
            while (end < s.length && s[end] > 1e-13) {
                end++;
            }
            assertTrue(end >= 5, m.name() + ": at least a few epochs above rounding");
            double perEpoch = slope(s, 1, end);
            assertTrue(perEpoch < Math.log(0.5), m.name() + ": log-suboptimality slope " + perEpoch + " per epoch");
            assertTrue(s[end - 1] < 1e-10, m.name() + " suboptimality " + s[end - 1]);
        }
        int last = epochs - 1;
        assertTrue(sgd[last] > 1e-6, "SGD with the same step keeps a noise floor: " + sgd[last]);
        assertTrue(sgd[last] > 0.2 * sgd[last / 2], "and stalls there: " + sgd[last / 2] + " -> " + sgd[last]);
    }

    @Test
    void stormWithFullMomentumIsSgdAndRunsOnAcrossEpochs() {
        Result sgd = Minimize.with(FiniteSumMethods.sgd(SUM, 0.05, 4, 50, 3)).steps(6).run(SUM.objective(), new double[D]);
        Result storm = Minimize.with(FiniteSumMethods.storm(SUM, 0.05, 1, 4, 50, 3)).steps(6).run(SUM.objective(), new double[D]);
        assertArrayEquals(sgd.x(), storm.x(), 1e-12, "a = 1 drops the correction: d_t = g_B(y_t)");
        Result momentum = Minimize.with(FiniteSumMethods.storm(SUM, 0.02, 0.05, 1, 0, 3)).steps(21).run(SUM.objective(), new double[D]);
        double[] s = momentum.history().losses();
        assertTrue(s[20] - F_STAR < 1e-2 * (s[0] - F_STAR), "STORM decreases the suboptimality a hundredfold: " + (s[20] - F_STAR));
        FiniteSumState st = momentum.state().find(FiniteSumState.class);
        assertEquals(21, st.epochs());
        assertEquals(21 * 2 * N - 1, st.termGradients(), "two per-term gradients per step but the very first");
    }

    @Test
    void checkpointedRunsResumeBitForBit(@TempDir Path dir) {
        for (Method m : new Method[] {FiniteSumMethods.saga(SUM, 0.05, 2, 100, 5), FiniteSumMethods.looplessSvrg(SUM, 0.05, 0.01, 2, 100, 5),
            FiniteSumMethods.storm(SUM, 0.05, 0.3, 2, 100, 5)}) {
            Path file = dir.resolve(m.name().substring(0, 4) + ".ckpt");
            Result whole = Minimize.with(m).steps(8).run(SUM.objective(), new double[D]);
            Minimize.with(m).steps(3).checkpoint(file, 3).run(SUM.objective(), new double[D]);
            Result resumed = Minimize.with(m).steps(8).resume(file).run(SUM.objective(), new double[D]);
            assertArrayEquals(whole.x(), resumed.x(), 0, m.name());
            assertArrayEquals(whole.history().losses(), resumed.history().losses(), 0, m.name());
        }
    }

    @Test
    void badHyperparametersAreNamed() {
        IllegalArgumentException step = assertThrows(IllegalArgumentException.class, () -> FiniteSumMethods.svrg(SUM, -0.1, 1, 0, 1));
        assertTrue(step.getMessage().contains("step") && step.getMessage().contains("-0.1"), step.getMessage());
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class, () -> FiniteSumMethods.saga(SUM, 0.1, 1001, 0, 1));
        assertTrue(batch.getMessage().contains("batch") && batch.getMessage().contains("1000"), batch.getMessage());
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> FiniteSumMethods.storm(SUM, 0.1, 0, 1, 0, 1));
        assertTrue(a.getMessage().contains("a must be"), a.getMessage());
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class, () -> FiniteSumMethods.looplessSvrg(SUM, 0.1, 2, 1, 0, 1));
        assertTrue(p.getMessage().contains("probability"), p.getMessage());
        IllegalArgumentException start = assertThrows(IllegalArgumentException.class,
                () -> Minimize.with(FiniteSumMethods.sgd(SUM, 0.1, 1, 0, 1)).run((x, g) -> 0, new double[3]));
        assertTrue(start.getMessage().contains("3 elements") && start.getMessage().contains("10"), start.getMessage());
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> FiniteSum.of(Func.of(3, xs -> new Value[] {xs[0].sum()}), D, Tensor.of(A), Tensor.zeros(999)));
        assertTrue(rows.getMessage().contains("999") || rows.getMessage().contains("1000"), rows.getMessage());
    }
}
