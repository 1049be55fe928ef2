package descent.optim;

import descent.ad.Func;
import descent.tensor.Params;
import descent.tensor.Tensor;
import descent.tensor.Value;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sharpness monitor reads lambda_max = 100 on the quadratic of ConvergenceTest (eigenvalues 1,
 * 10, 100) and flags gradient descent as unstable exactly when lr > 2/100, where the run diverges.
 */
class SharpnessMonitorTest {
    @Test
    void readsLambdaMaxAndTheEdgeOfStability() {
        Tensor a = Tensor.of(ConvergenceTest.A);
        Tensor b = Tensor.of(new double[][] {{ConvergenceTest.B[0]}, {ConvergenceTest.B[1]}, {ConvergenceTest.B[2]}});
        // f(w; A, b) = 1/2 w'Aw - b'w
        Func f = Func.of(3, x -> new Value[] {x[0].mul(x[1].matmul(x[0])).sum().mul(Tensor.of(0.5)).sub(x[2].mul(x[0]).sum())});
        Params<Tensor> w = Params.of("w", Tensor.zeros(3, 1));
        HessianObjective objective = HessianObjective.of(f, w, a, b);
        for (double lr : new double[] {0.019, 0.021}) {
            SharpnessMonitor monitor = SharpnessMonitor.of(objective, 3, 1);
            Result r = Minimize.with(Optimizers.sgd(lr)).steps(400).every(50, monitor).run(objective, w);
            assertEquals(8, monitor.readings().size());
            for (SharpnessMonitor.Reading reading : monitor.readings()) {
                assertEquals(100, reading.lambdaMax(), 1e-9);
                assertEquals(2 / lr, reading.threshold(), 1e-12);
                assertEquals(lr > 0.02, reading.unstable(), reading.toString());
            }
            if (lr < 0.02) {
                // the slowest direction contracts by (1 - 0.019)^400 = 5e-4
                assertTrue(ConvergenceTest.distance(r.x(), ConvergenceTest.X_STAR) < 2e-3, r.toString());
            } else {
                assertFalse(ConvergenceTest.distance(r.x(), ConvergenceTest.X_STAR) < 1, r.toString());
            }
        }
    }
}
