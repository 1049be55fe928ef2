package descent.optim;

import descent.ad.Func;
import descent.tensor.ParamLayout;
import descent.tensor.Params;
import descent.tensor.Rng;
import descent.tensor.Tensor;
import descent.tensor.Value;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Newton-type methods: Newton-CG, the Steihaug trust region and damped Newton reach gradient
 * norm 1e-10 on the extended Rosenbrock function of 1000 variables within 100 iterations, with
 * quadratic local convergence visible in the history ({@code |g_{k+1}| <= C |g_k|^2} over the last
 * iterations); on SciPy's chained Rosenbrock function, whose valley a Newton method walks one
 * coordinate at a time from this start, Newton-CG converges too (in about 2400 iterations here,
 * SciPy's in 1617);
 * Gauss–Newton and Levenberg–Marquardt, primal and dual, solve zero-residual least-squares
 * problems to rounding, and the dual Gauss–Newton step from the origin of an underdetermined
 * linear problem is its minimum-norm solution.
 */
class NewtonMethodsTest {
    /** SciPy's chained Rosenbrock function with its exact (tridiagonal) Hessian-vector product. */
    static final HessianObjective CHAINED = HessianObjective.of(ScipyProblems::rosen, (x, v, out) -> {
        int n = x.length;
        java.util.Arrays.fill(out, 0);
        for (int i = 0; i + 1 < n; i++) {
            // the term 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2
            double hii = 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
            double hij = -400 * x[i];
            out[i] += hii * v[i] + hij * v[i + 1];
            out[i + 1] += hij * v[i] + 200 * v[i + 1];
        }
    });

    /**
     * The extended Rosenbrock function (Moré, Garbow and Hillstrom 1981, problem 21):
     * {@code sum_j 100 (x_{2j+1} - x_{2j}^2)^2 + (1 - x_{2j})^2}, with its gradient and exact
     * block-diagonal Hessian-vector product.
     */
    static final HessianObjective EXTENDED = HessianObjective.of((x, g) -> {
        double f = 0;
        for (int i = 0; i + 1 < x.length; i += 2) {
            double a = 1 - x[i];
            double b = x[i + 1] - x[i] * x[i];
            f += 100 * b * b + a * a;
            g[i] = -400 * b * x[i] - 2 * a;
            g[i + 1] = 200 * b;
        }
        return f;
    }, (x, v, out) -> {
        for (int i = 0; i + 1 < x.length; i += 2) {
            double hii = 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
            double hij = -400 * x[i];
            out[i] = hii * v[i] + hij * v[i + 1];
            out[i + 1] = hij * v[i] + 200 * v[i + 1];
        }
    });

    static double[] rosenStart(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 2 == 0 ? -1.2 : 1.0;
        }
        return x;
    }

    @Test
    void theExactHessianProductsMatchDifferencesOfGradients() {
        double[] x = rosenStart(50);
        for (HessianObjective f : new HessianObjective[] {CHAINED, EXTENDED}) {
            checkHvp(f, x);
        }
    }

    private static void checkHvp(HessianObjective f, double[] x) {
        Rng rng = new Rng(3);
        double[] v = new double[50];
        for (int i = 0; i < 50; i++) {
            v[i] = rng.nextGaussian();
        }
        double[] hv = new double[50];
        f.hvp(x, v, hv);
        double h = 1e-6;
        double[] gp = new double[50];
        double[] gm = new double[50];
        double[] xp = x.clone();
        double[] xm = x.clone();
        for (int i = 0; i < 50; i++) {
            xp[i] += h * v[i];
            xm[i] -= h * v[i];
        }
        f.valueAndGrad(xp, gp);
        f.valueAndGrad(xm, gm);
        for (int i = 0; i < 50; i++) {
            assertEquals((gp[i] - gm[i]) / (2 * h), hv[i], 1e-5 * Math.max(1, Math.abs(hv[i])));
        }
    }

    @Test
    void newtonMethodsConvergeQuadraticallyOnRosenbrock1000() {
        Method[] methods = {Methods.newtonCg(), Methods.trustRegion(), Methods.dampedNewton(1000)};
        for (Method m : methods) {
            Result r = Minimize.with(m).steps(100).stopWhen(Stop.gradientNorm(1e-10)).run(EXTENDED, rosenStart(1000));
            double[] norms = r.history().gradientNorms();
            StringBuilder tail = new StringBuilder();
            for (int k = Math.max(0, norms.length - 6); k < norms.length; k++) {
                tail.append(String.format(Locale.ROOT, " %.2e", norms[k]));
            }
            System.out.println(String.format(Locale.ROOT, "%-40s %3d iterations, %4d evaluations, %6d Hessian products; last |g|:%s",
                    m, r.iterations(), r.evaluations(), r.hessianProducts(), tail));
            assertEquals(Stop.Reason.GRADIENT_NORM, r.reason(), m + ": " + r);
            assertTrue(r.gradientNorm() <= 1e-10 && r.value() < 1e-20, r.toString());
            // quadratic convergence: each of the last steps from |g| < 1e-2 squares the norm (up to a constant)
            int checked = 0;
            for (int k = 1; k < norms.length; k++) {
                if (norms[k - 1] < 1e-2 && norms[k - 1] > 1e-9) {
                    double c = norms[k] / (norms[k - 1] * norms[k - 1]);
                    assertTrue(c < 50, m + ": |g| went from " + norms[k - 1] + " to " + norms[k] + " (ratio to the square " + c + ")");
                    checked++;
                }
            }
            assertTrue(checked >= 2, m + ": only " + checked + " iterations in the quadratic regime");
        }
    }

    @Test
    void newtonCgConvergesOnTheChainedRosenbrock1000() {
        Result r = Minimize.with(Methods.newtonCg()).steps(3000).stopWhen(Stop.gradientNorm(1e-10)).run(CHAINED, rosenStart(1000));
        assertEquals(Stop.Reason.GRADIENT_NORM, r.reason(), r.toString());
        assertTrue(r.value() < 1e-18, r.toString());
    }

    @Test
    void newtonMethodsNeedHessianProducts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Minimize.with(Methods.newtonCg()).run(ScipyProblems::rosen, rosenStart(4)));
        assertTrue(e.getMessage().contains("Hessian-vector products"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Minimize.with(Methods.levenbergMarquardt()).run(ScipyProblems::rosen, rosenStart(4)));
        assertTrue(e.getMessage().contains("ResidualObjective"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Methods.trustRegion(2, 1, 0.1, 10));
        assertTrue(e.getMessage().contains("initialRadius <= maxRadius"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Methods.trustRegion(1, 10, 0.3, 10));
        assertTrue(e.getMessage().contains("eta"), e.getMessage());
    }

    /** r_i = a exp(b t_i) - y_i for exact data y = 2 exp(-0.7 t) on 20 points of [0, 3]. */
    @Test
    void leastSquaresSolveAZeroResidualFit() {
        double[] t = new double[20];
        double[] y = new double[20];
        for (int i = 0; i < 20; i++) {
            t[i] = 3.0 * i / 19;
            y[i] = 2 * Math.exp(-0.7 * t[i]);
        }
        Func r = Func.of(4, a -> new Value[] {a[0].mul(a[1].mul(a[2]).exp()).sub(a[3])});
        Params<Tensor> p = Params.of("a", Tensor.of(new double[] {1}), "b", Tensor.of(new double[] {0}));
        ResidualObjective f = ResidualObjective.of(r, p, Tensor.of(t), Tensor.of(y));
        for (Method m : new Method[] {Methods.gaussNewton(Methods.Form.PRIMAL), Methods.levenbergMarquardt(),
                Methods.levenbergMarquardt(Methods.Form.DUAL, 1e-3)}) {
            Result res = Minimize.with(m).steps(100).stopWhen(Stop.gradientNorm(1e-13)).run(f, p);
            assertEquals(Stop.Reason.GRADIENT_NORM, res.reason(), m + ": " + res);
            assertEquals(2, res.x()[0], 1e-12, m.toString());
            assertEquals(-0.7, res.x()[1], 1e-12, m.toString());
            assertTrue(res.iterations() < 30, m + ": " + res);
        }
    }

    @Test
    void theDualGaussNewtonStepIsTheMinimumNormSolution() {
        Rng rng = new Rng(21);
        int m = 5;
        int n = 20;
        Tensor a = rng.normal(m, n);
        Tensor c = rng.normal(m, 1);
        Func linear = Func.of(3, x -> new Value[] {x[1].matmul(x[0]).sub(x[2])});
        Params<Tensor> w = Params.of("w", Tensor.zeros(n, 1));
        ResidualObjective f = ResidualObjective.of(linear, w, a, c);
        Result res = Minimize.with(Methods.gaussNewton(Methods.Form.AUTO)).steps(5).stopWhen(Stop.gradientNorm(1e-12)).run(f, w);
        // x = A'(AA')^-1 c, by Gaussian elimination on the 5 x 5 system
        double[][] aat = new double[m][m + 1];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += a.get(i, k) * a.get(j, k);
                }
                aat[i][j] = s;
            }
            aat[i][m] = c.get(i, 0);
        }
        for (int col = 0; col < m; col++) {
            for (int row = col + 1; row < m; row++) {
                double factor = aat[row][col] / aat[col][col];
                for (int k = col; k <= m; k++) {
                    aat[row][k] -= factor * aat[col][k];
                }
            }
        }
        double[] u = new double[m];
        for (int i = m - 1; i >= 0; i--) {
            double s = aat[i][m];
            for (int k = i + 1; k < m; k++) {
                s -= aat[i][k] * u[k];
            }
            u[i] = s / aat[i][i];
        }
        for (int k = 0; k < n; k++) {
            double expected = 0;
            for (int i = 0; i < m; i++) {
                expected += a.get(i, k) * u[i];
            }
            assertEquals(expected, res.x()[k], 1e-10, "element " + k + " of the minimum-norm solution");
        }
        // the first CG solve stops at the relative residual 0.1, the next ones finish the job
        assertTrue(res.iterations() <= 4, res.toString());
        // a nonlinear underdetermined problem: r = A tanh(w) - c/2, primal LM and dual GN both reach zero residual
        Func nonlinear = Func.of(3, x -> new Value[] {x[1].matmul(x[0].tanh()).sub(x[2].mul(Tensor.of(0.5)))});
        ResidualObjective g = ResidualObjective.of(nonlinear, w, a, c);
        for (Method method : new Method[] {Methods.gaussNewton(Methods.Form.DUAL), Methods.levenbergMarquardt(Methods.Form.PRIMAL, 1e-3),
                Methods.levenbergMarquardt(Methods.Form.DUAL, 1e-3)}) {
            Result rr = Minimize.with(method).steps(100).stopWhen(Stop.gradientNorm(1e-13)).run(g, w);
            assertEquals(Stop.Reason.GRADIENT_NORM, rr.reason(), method + ": " + rr);
            assertTrue(rr.value() < 1e-24, method + ": " + rr);
        }
    }
}
