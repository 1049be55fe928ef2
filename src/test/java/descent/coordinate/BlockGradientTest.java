package descent.coordinate;

import descent.ad.Func;
import descent.optim.Minimize;
import descent.optim.Objective;
import descent.optim.Optimizers;
import descent.optim.Result;
import descent.optim.Stop;
import descent.tensor.ParamLayout;
import descent.tensor.Params;
import descent.tensor.Rng;
import descent.tensor.Tensor;
import descent.tensor.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Layer-wise block gradient descent on a small MLP regression: two tanh hidden layers of 8 units,
 * {@code y = sin(x . (1, -0.5, 0.3))} on 64 Gaussian points of {@code R^3}, mean squared error.
 * The inputs are scaled by {@code scale} (and the first layer's initialization by
 * {@code 1 / scale}, so the pre-activations start alike): the first layer's curvature grows as
 * {@code scale^2} while the others' stay, an ill-conditioned layered problem for
 * {@code scale = 20}.
 */
class BlockGradientTest {
    private static final int N = 64;
    private static final int D = 3;
    private static final int H = 8;

    private static final class Net {
        Objective objective;
        Params<Tensor> start;
        ParamLayout layout;
    }

    private static Net net(double scale) {
        Rng data = new Rng(5);
        Tensor x = data.normal(0.0, 1.0, N, D);
        Tensor y = x.matmul(Tensor.copyOf(new double[] {1, -0.5, 0.3}, 3, 1)).sin();
        Func loss = Func.of(8, a -> {
            Value h1 = a[6].matmul(a[0]).add(a[1]).tanh();
            Value h2 = h1.matmul(a[2]).add(a[3]).tanh();
            Value u = h2.matmul(a[4]).add(a[5]);
            return new Value[] {u.sub(a[7]).square().mean()};
        });
        Rng init = new Rng(11);
        Net net = new Net();
        net.start = Params.of("w1", init.normal(0.0, 1 / (scale * Math.sqrt(D)), D, H), "b1", Tensor.zeros(H),
                "w2", init.normal(0.0, 1 / Math.sqrt(H), H, H), "b2", Tensor.zeros(H),
                "w3", init.normal(0.0, 1 / Math.sqrt(H), H, 1), "b3", Tensor.zeros(1));
        net.objective = Objective.of(loss, net.start, x.mul(Tensor.scalar(scale)), y);
        net.layout = ParamLayout.of(net.start);
        return net;
    }

    @Test
    void eachStepUpdatesOnlyTheBlockWithTheLargestGradientNormAndNeverIncreasesTheLoss() {
        Net net = net(20);
        int n = net.layout.size();
        Result r = Minimize.with(CoordinateMethods.blockGradient(CoordinateMethods.Rule.GAUSS_SOUTHWELL, 1, 0, 0)).steps(200)
                .recordIterates().run(net.objective, net.start);
        List<double[]> iterates = r.history().iterates();
        double[] losses = r.history().losses();
        int last = -1;
        for (int k = 0; k + 1 < iterates.size(); k++) {
            double[] before = iterates.get(k);
            double[] after = iterates.get(k + 1);
            // the gradient and its block norms, computed directly at the iterate
            double[] g = new double[n];
            double f = net.objective.valueAndGrad(before, g);
            assertEquals(losses[k], f, 0);
            int argmax = -1;
            double largest = -1;
            for (int b = 0; b < 6; b++) {
                double s = 0;
                for (int i = net.layout.offset(b); i < net.layout.offset(b) + net.layout.shape(b).size(); i++) {
                    s += g[i] * g[i];
                }
                if (s > largest) {
                    largest = s;
                    argmax = b;
                }
            }
            last = argmax;
            for (int b = 0; b < 6; b++) {
                int lo = net.layout.offset(b);
                int hi = lo + net.layout.shape(b).size();
                boolean changed = false;
                for (int i = lo; i < hi; i++) {
                    changed |= before[i] != after[i];
                }
                assertEquals(b == argmax, changed, "step " + k + ": block " + net.layout.path(b) + " (the argmax is "
                        + net.layout.path(argmax) + ")");
            }
            // a step x_B - g_B / L_B accepted by sufficient decrease
            assertTrue(losses[k + 1] <= losses[k] - 0.5 * largest * r.history().learningRate(k), "step " + k + ": " + losses[k]
                    + " -> " + losses[k + 1]);
        }
        assertEquals(last, r.state().find(CoordinateState.class).lastBlock());
        assertEquals(200, r.state().find(CoordinateState.class).updates());
    }

    @Test
    void lipschitzScaledSelectionIsTheArgmaxOfTheScaledBlockNorms() {
        Net net = net(20);
        int n = net.layout.size();
        int blocks = net.layout.leafCount();
        java.util.function.IntFunction<Result> run = steps -> Minimize.with(
                CoordinateMethods.blockGradient(CoordinateMethods.Rule.GAUSS_SOUTHWELL_LIPSCHITZ, 1, 0, 0)).steps(steps)
                .run(net.objective, net.start);
        Result previous = run.apply(1);
        for (int k = 1; k <= 25; k++) {
            // the estimates L_B after k updates and the gradient at x_k decide update k + 1
            double[] l = previous.state().find(CoordinateState.class).lipschitzEstimates();
            double[] g = new double[n];
            net.objective.valueAndGrad(previous.x(), g);
            int argmax = -1;
            double largest = -1;
            for (int b = 0; b < blocks; b++) {
                double s = 0;
                for (int i = net.layout.offset(b); i < net.layout.offset(b) + net.layout.shape(b).size(); i++) {
                    s += g[i] * g[i];
                }
                if (s / l[b] > largest) {
                    largest = s / l[b];
                    argmax = b;
                }
            }
            Result next = run.apply(k + 1);
            assertEquals(argmax, next.state().find(CoordinateState.class).lastBlock(), "update " + (k + 1));
            for (int b = 0; b < blocks; b++) {
                int lo = net.layout.offset(b);
                boolean changed = false;
                for (int i = lo; i < lo + net.layout.shape(b).size(); i++) {
                    changed |= previous.x()[i] != next.x()[i];
                }
                assertEquals(b == argmax, changed, "update " + (k + 1) + ", block " + net.layout.path(b));
            }
            previous = next;
        }
    }

    @Test
    void greedyLayerwiseReachesGradientDescentsLossWithFewerBlockUpdates() {
        // the stiff first layer has the largest gradients: Gauss-Southwell keeps returning to it, while scaling by its larger
        // Lipschitz estimate (Gauss-Southwell-Lipschitz) spends the updates where they decrease the loss most
        Net net = net(20);
        int blocks = net.layout.leafCount();
        // full gradient descent: the same method and backtracking on a single block holding every parameter
        int iterations = 2000;
        Result gd = Minimize.with(CoordinateMethods.blockGradient(CoordinateMethods.Rule.CYCLIC, 1, 0, 0)).steps(iterations)
                .run(net.objective, net.layout.flatten(net.start));
        long gdBlockUpdates = (long) iterations * blocks;
        // and gradient descent with the best constant step of {0.001, 0.002, 0.005, 0.01, 0.02, 0.05}, 0.01, which is not
        // monotone on the stiff layer yet gets there in fewer iterations than the monotone backtracking
        Result constant = Minimize.with(Optimizers.sgd(0.01)).steps(iterations).stopWhen(Stop.targetValue(gd.value()))
                .run(net.objective, net.layout.flatten(net.start));
        assertEquals(Stop.Reason.TARGET_VALUE, constant.reason());
        long constantBlockUpdates = constant.iterations() * blocks;
        CoordinateMethods.Rule[] rules = {CoordinateMethods.Rule.GAUSS_SOUTHWELL, CoordinateMethods.Rule.GAUSS_SOUTHWELL_LIPSCHITZ};
        long[] counts = new long[2];
        for (CoordinateMethods.Rule rule : rules) {
            Result r = Minimize.with(CoordinateMethods.blockGradient(rule, 1, 0, 0)).steps(gdBlockUpdates)
                    .stopWhen(Stop.targetValue(gd.value())).run(net.objective, net.start);
            assertEquals(Stop.Reason.TARGET_VALUE, r.reason(), rule.name());
            long updates = r.state().find(CoordinateState.class).updates();
            counts[rule == rules[0] ? 0 : 1] = updates;
            double[] l = r.state().find(CoordinateState.class).lipschitzEstimates();
            assertTrue(l[0] > 4 * l[2], rule + ": the first layer is the stiffest, estimates " + java.util.Arrays.toString(l));
            assertTrue(updates * 5 < gdBlockUpdates, rule + ": " + updates + " block updates to loss " + gd.value() + ", gradient descent "
                    + gdBlockUpdates);
            assertTrue(updates < constantBlockUpdates, rule + ": " + updates + " block updates, gradient descent at the step 0.01 "
                    + constantBlockUpdates);
            double[] monotone = r.history().losses();
            for (int k = 1; k < monotone.length; k++) {
                assertTrue(monotone[k] <= monotone[k - 1], rule + " step " + k);
            }
        }
        assertTrue(counts[1] < counts[0], "Gauss-Southwell " + counts[0] + ", Gauss-Southwell-Lipschitz " + counts[1]);
    }

    @Test
    void checkpointedRunsResumeBitForBit(@TempDir Path dir) {
        Net net = net(5);
        for (CoordinateMethods.Rule rule : CoordinateMethods.Rule.values()) {
            Path file = dir.resolve(rule.name() + ".ckpt");
            Result whole = Minimize.with(CoordinateMethods.blockGradient(rule, 1, 0, 9)).steps(40).run(net.objective, net.start);
            Minimize.with(CoordinateMethods.blockGradient(rule, 1, 0, 9)).steps(15).checkpoint(file, 15).run(net.objective, net.start);
            Result resumed = Minimize.with(CoordinateMethods.blockGradient(rule, 1, 0, 9)).steps(40).resume(file).run(net.objective, net.start);
            assertArrayEquals(whole.x(), resumed.x(), 0, rule.name());
            assertArrayEquals(whole.history().losses(), resumed.history().losses(), 0, rule.name());
        }
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException rule = assertThrows(IllegalArgumentException.class, () -> CoordinateMethods.blockGradient(null, 1, 0, 0));
        assertTrue(rule.getMessage().contains("blockGradient") && rule.getMessage().contains("rule"), rule.getMessage());
        IllegalArgumentException l = assertThrows(IllegalArgumentException.class,
                () -> CoordinateMethods.blockGradient(CoordinateMethods.Rule.CYCLIC, 0, 0, 0));
        assertTrue(l.getMessage().contains("Lipschitz") && l.getMessage().contains("0.0"), l.getMessage());
        IllegalArgumentException tol = assertThrows(IllegalArgumentException.class,
                () -> CoordinateMethods.blockGradient(CoordinateMethods.Rule.CYCLIC, 1, Double.NaN, 0));
        assertTrue(tol.getMessage().contains("tolerance") && tol.getMessage().contains("NaN"), tol.getMessage());
    }
}
