package descent.bilevel;

import descent.ad.AD;
import descent.ad.Func;
import descent.tensor.Tensor;
import descent.tensor.Value;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Implicit differentiation through solvers, checked against closed forms and unrolled differentiation. */
class ImplicitTest {
    @Test
    void ridgeHypergradientMatchesTheClosedFormWithEveryLinearSolver() {
        Ridge r = new Ridge(40, 30, 6, 1);
        double lambda = 0.7;
        double expected = r.hypergradient(lambda);
        Implicit cg = Implicit.argmin(r.inner(), Tensor.zeros(r.p), 500).tolerance(1e-10);
        double[] eig = r.extremeEigenvalues(lambda);
        int terms = (int) Math.ceil(Math.log(1e-14) / Math.log(1 - eig[0] / eig[1]));
        Implicit[] variants = {cg, cg.linearSolver(LinearSolver.gmres(10, 200, 1e-12)),
            cg.linearSolver(LinearSolver.neumann(1 / eig[1], terms))};
        for (Implicit sol : variants) {
            Func outer = Func.of(lam -> r.validation(sol.apply(lam)));
            double g = AD.grad(outer).call(Tensor.of(lambda)).item();
            assertEquals(expected, g, 1e-8 * Math.max(1, Math.abs(expected)), sol.linearSolver().name());
            Tensor xStar = sol.solve(Tensor.of(lambda));
            assertArrayEquals(r.solution(lambda), xStar.toArray(), 1e-10);
        }
    }

    @Test
    void forwardModeThroughTheSolutionMatchesReverseMode() {
        Ridge r = new Ridge(40, 30, 6, 2);
        Implicit sol = Implicit.argmin(r.inner(), Tensor.zeros(r.p), 500).tolerance(1e-10);
        Func outer = Func.of(lam -> r.validation(sol.apply(lam)));
        Tensor[] jvp = AD.jvp(outer).callAll(Tensor.of(0.3), Tensor.of(1));
        assertEquals(r.hypergradient(0.3), jvp[1].item(), 1e-8);
    }

    /** {@code T(x, theta) = tanh(W x + theta)} with {@code |W| < 1}: a contraction. */
    private static final double[][] W = {{0.3, -0.2, 0.1, 0.05}, {0.1, 0.25, -0.15, 0.2}, {-0.2, 0.1, 0.3, -0.1}, {0.05, 0.2, 0.1, -0.3}};
    private static final Tensor WT = Tensor.of(W);
    private static final Tensor C = Tensor.of(1, -2, 0.5, 3);
    private static final Func T = Func.of((Value x, Value theta) -> x.reshape(1, 4).matmul(WT.transpose()).reshape(4).add(theta).tanh());

    @Test
    void fixedPointVjpMatchesDifferentiationUnrolledThroughTheIterations() {
        Tensor theta = Tensor.of(0.4, -0.3, 1.2, 0.1);
        Func unrolled = Func.of(th -> {
            Value x = th.zerosOf(th.shape());
            for (int k = 0; k < 120; k++) {
                x = T.apply(x, th);
            }
            return x.mul(C).sum();
        });
        Tensor reference = AD.grad(unrolled).call(theta);
        Implicit fp = Implicit.fixedPoint(T, Tensor.zeros(4), 500).tolerance(1e-13);
        for (Implicit sol : new Implicit[] {fp, fp.linearSolver(LinearSolver.neumann(-1, 200))}) {
            Func implicit = Func.of(th -> sol.apply(th).mul(C).sum());
            assertArrayEquals(reference.toArray(), AD.grad(implicit).call(theta).toArray(), 1e-6, sol.linearSolver().name());
            assertArrayEquals(reference.toArray(), AD.grad(implicit).call(theta).toArray(), 1e-11, "and in fact to rounding");
        }
    }

    @Test
    void gradientThroughANewtonRootFinder() {
        // x^3 + x = theta elementwise; dx/dtheta = 1 / (3 x^2 + 1)
        Func f = Func.of((Value x, Value theta) -> x.pow(3).add(x).sub(theta));
        Implicit.Solver newton = (theta, x0) -> {
            double[] th = theta.toArray();
            double[] x = x0.toArray();
            for (int i = 0; i < x.length; i++) {
                for (int k = 0; k < 60; k++) {
                    x[i] -= (x[i] * x[i] * x[i] + x[i] - th[i]) / (3 * x[i] * x[i] + 1);
                }
            }
            return Tensor.copyOf(x, x.length);
        };
        Implicit sol = Implicit.root(f, Tensor.zeros(3), newton);
        Tensor theta = Tensor.of(2, -10, 0.5);
        Func loss = Func.of(th -> sol.apply(th).square().sum());
        double[] g = AD.grad(loss).call(theta).toArray();
        double[] x = sol.solve(theta).toArray();
        for (int i = 0; i < 3; i++) {
            assertEquals(x[i] * x[i] * x[i] + x[i], theta.get(i), 1e-12);
            assertEquals(2 * x[i] / (3 * x[i] * x[i] + 1), g[i], 1e-12);
        }
    }

    @Test
    void anInnerSolverThatDoesNotConvergeIsReported() {
        Implicit fp = Implicit.fixedPoint(T, Tensor.zeros(4), 3).tolerance(1e-10);
        Func implicit = Func.of(th -> fp.apply(th).mul(C).sum());
        ConvergenceException e = assertThrows(ConvergenceException.class, () -> AD.grad(implicit).call(Tensor.of(0.4, -0.3, 1.2, 0.1)));
        assertTrue(e.getMessage().contains("did not converge") && e.residual() > 1e-10, e.getMessage());
        Ridge r = new Ridge(40, 30, 6, 3);
        Implicit argmin = Implicit.argmin(r.inner(), Tensor.zeros(r.p), 1).tolerance(1e-10);
        ConvergenceException a = assertThrows(ConvergenceException.class, () -> argmin.solve(Tensor.of(0.5)));
        assertTrue(a.getMessage().contains("implicitArgmin") && a.getMessage().contains("exceeds the tolerance"), a.getMessage());
        ConvergenceException cg = assertThrows(ConvergenceException.class, () -> AD.grad(Func.of(lam -> r.validation(
                Implicit.argmin(r.inner(), Tensor.zeros(r.p), 500).tolerance(1e-10).linearSolver(LinearSolver.cg(2, 1e-12))
                        .apply(lam)))).call(Tensor.of(0.5)));
        assertTrue(cg.getMessage().contains("conjugate gradients did not reach"), cg.getMessage());
    }

    @Test
    void aSingularImplicitJacobianIsAClearError() {
        // (x - theta)^3 = 0 has the root x = theta, where dF/dx = 3 (x - theta)^2 = 0
        Func f = Func.of((Value x, Value theta) -> x.sub(theta).pow(3));
        Implicit sol = Implicit.root(f, Tensor.zeros(2), (theta, x0) -> theta);
        Func loss = Func.of(th -> sol.apply(th).sum());
        ConvergenceException e = assertThrows(ConvergenceException.class, () -> AD.grad(loss).call(Tensor.of(1, 2)));
        assertTrue(e.getMessage().contains("singular"), e.getMessage());
        Implicit cg = sol.linearSolver(LinearSolver.cg(100, 1e-10));
        ConvergenceException c = assertThrows(ConvergenceException.class,
                () -> AD.grad(Func.of(th -> cg.apply(th).sum())).call(Tensor.of(1, 2)));
        assertTrue(c.getMessage().contains("singular"), c.getMessage());
    }

    @Test
    void secondDerivativesThroughTheSolutionFailNamingTheOperation() {
        Ridge r = new Ridge(40, 30, 6, 4);
        Implicit sol = Implicit.argmin(r.inner(), Tensor.zeros(r.p), 500).tolerance(1e-10);
        Func outer = Func.of(lam -> r.validation(sol.apply(lam)));
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> AD.hessian(outer).call(Tensor.of(0.5)));
        assertTrue(e.getMessage().contains("implicitArgminVjp"), e.getMessage());
    }

    @Test
    void badHyperparametersAreNamed() {
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> LinearSolver.cg(0, 1e-10));
        assertTrue(a.getMessage().contains("maxIterations"), a.getMessage());
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class, () -> LinearSolver.gmres(10, 100, -1));
        assertTrue(b.getMessage().contains("tolerance"), b.getMessage());
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class, () -> LinearSolver.neumann(0, 10));
        assertTrue(c.getMessage().contains("alpha"), c.getMessage());
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
                () -> Implicit.fixedPoint(T, Tensor.zeros(4), 10).tolerance(-1));
        assertTrue(d.getMessage().contains("tolerance"), d.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Implicit.root(Func.of(x -> x), Tensor.zeros(4), (th, x0) -> x0));
        assertTrue(e.getMessage().contains("two tensors"), e.getMessage());
    }

    /** Ridge regression with a training and a validation set, and its closed forms. */
    static final class Ridge {
        final int p;
        final double[][] x;
        final double[] y;
        final double[][] xv;
        final double[] yv;
        private final Tensor xt;
        private final Tensor yt;
        private final Tensor xvt;
        private final Tensor yvt;

        Ridge(int n, int nv, int p, long seed) {
            this.p = p;
            Random rnd = new Random(seed);
            double[] w = new double[p];
            for (int j = 0; j < p; j++) {
                w[j] = rnd.nextGaussian();
            }
            x = new double[n][p];
            y = new double[n];
            xv = new double[nv][p];
            yv = new double[nv];
            fill(rnd, x, y, w);
            fill(rnd, xv, yv, w);
            xt = Tensor.of(x);
            yt = Tensor.of(y);
            xvt = Tensor.of(xv);
            yvt = Tensor.of(yv);
        }

        private static void fill(Random rnd, double[][] a, double[] b, double[] w) {
            for (int i = 0; i < a.length; i++) {
                double s = 0;
                for (int j = 0; j < w.length; j++) {
                    a[i][j] = rnd.nextGaussian();
                    s += a[i][j] * w[j];
                }
                b[i] = s + 0.5 * rnd.nextGaussian();
            }
        }

        /** {@code g(w, lambda) = |X w - y|^2 / 2 + lambda |w|^2 / 2}. */
        Func inner() {
            return Func.of((Value w, Value lam) -> w.reshape(1, p).matmul(xt.transpose()).reshape(y.length).sub(yt).square().sum().mul(0.5)
                    .add(w.square().sum().mul(lam.sum()).mul(0.5)));
        }

        /** {@code |X_v w - y_v|^2 / 2}. */
        Value validation(Value w) {
            return w.reshape(1, p).matmul(xvt.transpose()).reshape(yv.length).sub(yvt).square().sum().mul(0.5);
        }

        double[][] system(double lambda) {
            double[][] a = new double[p][p];
            for (double[] row : x) {
                for (int i = 0; i < p; i++) {
                    for (int j = 0; j < p; j++) {
                        a[i][j] += row[i] * row[j];
                    }
                }
            }
            for (int i = 0; i < p; i++) {
                a[i][i] += lambda;
            }
            return a;
        }

        double[] solution(double lambda) {
            double[] b = new double[p];
            for (int k = 0; k < x.length; k++) {
                for (int j = 0; j < p; j++) {
                    b[j] += x[k][j] * y[k];
                }
            }
            return Dense.solve(system(lambda), b);
        }

        /** {@code d/dlambda |X_v w*(lambda) - y_v|^2 / 2} with {@code dw/dlambda = -(X^T X + lambda I)^{-1} w} at the solution. */
        double hypergradient(double lambda) {
            double[] w = solution(lambda);
            double[] dw = Dense.solve(system(lambda), w);
            double g = 0;
            for (int k = 0; k < xv.length; k++) {
                double r = -yv[k];
                double d = 0;
                for (int j = 0; j < p; j++) {
                    r += xv[k][j] * w[j];
                    d -= xv[k][j] * dw[j];
                }
                g += r * d;
            }
            return g;
        }

        /** The smallest and largest eigenvalues of {@code X^T X + lambda I} (Jacobi rotations). */
        double[] extremeEigenvalues(double lambda) {
            double[] e = Dense.eigenvalues(system(lambda));
            double lo = Double.POSITIVE_INFINITY;
            double hi = 0;
            for (double v : e) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            return new double[] {lo, hi};
        }
    }
}
