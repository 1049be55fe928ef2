package descent.coordinate;

import descent.optim.Method;
import descent.optim.Minimize;
import descent.optim.Objective;
import descent.optim.Result;
import descent.optim.Stop;
import descent.tensor.Params;
import descent.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Coordinate and block-coordinate descent against normal equations, L-BFGS and Eckart–Young. */
class CoordinateTest {
    private static double[][] gaussian(Random rnd, int m, int n) {
        double[][] a = new double[m][n];
        for (double[] row : a) {
            for (int j = 0; j < n; j++) {
                row[j] = rnd.nextGaussian();
            }
        }
        return a;
    }

    /** The solution of the normal equations {@code A^T A x = A^T y}. */
    static double[] normalEquations(double[][] a, double[] y) {
        int n = a[0].length;
        double[][] k = new double[n][n];
        double[] rhs = new double[n];
        for (int r = 0; r < a.length; r++) {
            for (int i = 0; i < n; i++) {
                rhs[i] += a[r][i] * y[r];
                for (int j = 0; j < n; j++) {
                    k[i][j] += a[r][i] * a[r][j];
                }
            }
        }
        return solve(k, rhs);
    }

    /** Solves {@code K x = rhs} by Gaussian elimination with partial pivoting. */
    static double[] solve(double[][] k0, double[] rhs) {
        int n = rhs.length;
        double[][] k = new double[n][];
        for (int i = 0; i < n; i++) {
            k[i] = java.util.Arrays.copyOf(k0[i], n + 1);
            k[i][n] = rhs[i];
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(k[r][c]) > Math.abs(k[p][c])) {
                    p = r;
                }
            }
            double[] t = k[c];
            k[c] = k[p];
            k[p] = t;
            for (int r = c + 1; r < n; r++) {
                double f = k[r][c] / k[c][c];
                for (int j = c; j <= n; j++) {
                    k[r][j] -= f * k[c][j];
                }
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = k[i][n];
            for (int j = i + 1; j < n; j++) {
                s -= k[i][j] * x[j];
            }
            x[i] = s / k[i][i];
        }
        return x;
    }

    @Test
    void everyRuleSolvesLeastSquaresToTheNormalEquations() {
        Random rnd = new Random(3);
        double[][] a = gaussian(rnd, 60, 15);
        double[] y = new double[60];
        for (int i = 0; i < 60; i++) {
            y[i] = rnd.nextGaussian();
        }
        double[] star = normalEquations(a, y);
        Quadratic ls = Quadratic.leastSquares(a, y);
        for (CoordinateMethods.Rule rule : CoordinateMethods.Rule.values()) {
            Result r = Minimize.with(CoordinateMethods.exact(ls, rule, 1e-12, 7)).steps(100000).run(ls.objective(), new double[15]);
            assertEquals(Stop.Reason.STATIONARY, r.reason(), rule.name());
            assertArrayEquals(star, r.x(), 1e-10, rule.name());
        }
        // with L_i = Q_ii, the generic path with re-evaluated gradients takes the same steps
        double[] l = new double[15];
        for (int i = 0; i < 15; i++) {
            l[i] = ls.curvature(i);
        }
        Result exact = Minimize.with(CoordinateMethods.exact(ls, CoordinateMethods.Rule.CYCLIC, 0, 0)).steps(5).run(ls.objective(), new double[15]);
        Result generic = Minimize.with(CoordinateMethods.lipschitz(l, CoordinateMethods.Rule.CYCLIC, 0, 0)).steps(5)
                .run(ls.objective(), new double[15]);
        assertArrayEquals(exact.x(), generic.x(), 1e-12);
    }

    @Test
    void gaussSouthwellNeedsFewerUpdatesWhenOneCoordinateDominates() {
        int n = 100;
        Random rnd = new Random(5);
        double[][] q = new double[n][n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            q[i][i] = 1;
            b[i] = 1e-10 * rnd.nextGaussian();
        }
        // coordinate 37 dominates the gradient and is coupled to five others
        b[37] = 100;
        for (int j = 0; j < 5; j++) {
            q[37][j] = q[j][37] = 0.1 * (j + 1) / 5;
        }
        Quadratic quad = Quadratic.of(q, b);
        long[] updates = new long[CoordinateMethods.Rule.values().length];
        for (CoordinateMethods.Rule rule : CoordinateMethods.Rule.values()) {
            Result r = Minimize.with(CoordinateMethods.exact(quad, rule, 1e-8, 1)).steps(100000).run(quad.objective(), new double[n]);
            assertEquals(Stop.Reason.STATIONARY, r.reason(), rule.name());
            updates[rule.ordinal()] = r.state().find(CoordinateState.class).updates();
        }
        long cyclic = updates[CoordinateMethods.Rule.CYCLIC.ordinal()];
        long gs = updates[CoordinateMethods.Rule.GAUSS_SOUTHWELL.ordinal()];
        assertTrue(gs < cyclic / 10, "Gauss-Southwell " + gs + " updates, cyclic " + cyclic);
    }

    @Test
    void lipschitzStepsMinimizeARegularizedLogisticLoss() {
        Random rnd = new Random(9);
        int m = 80;
        int n = 6;
        double[][] a = gaussian(rnd, m, n);
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            y[i] = rnd.nextDouble() < 0.5 ? 0 : 1;
        }
        double mu = 0.1;
        Objective f = (x, g) -> {
            double v = 0;
            java.util.Arrays.fill(g, 0);
            for (int i = 0; i < m; i++) {
                double z = 0;
                for (int j = 0; j < n; j++) {
                    z += a[i][j] * x[j];
                }
                v += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y[i] * z;
                double s = 1 / (1 + Math.exp(-z)) - y[i];
                for (int j = 0; j < n; j++) {
                    g[j] += s * a[i][j];
                }
            }
            for (int j = 0; j < n; j++) {
                v += 0.5 * mu * x[j] * x[j];
                g[j] += mu * x[j];
            }
            return v;
        };
        double[] l = new double[n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                l[j] += 0.25 * a[i][j] * a[i][j];
            }
            l[j] += mu;
        }
        // the reference minimizer: Newton's method with the Hessian A^T diag(s (1 - s)) A + mu I, from zero
        double[] star = new double[n];
        double[] gs = new double[n];
        for (int it = 0; it < 30; it++) {
            f.valueAndGrad(star, gs);
            double[][] h = new double[n][n];
            for (int i = 0; i < m; i++) {
                double z = 0;
                for (int j = 0; j < n; j++) {
                    z += a[i][j] * star[j];
                }
                double s = 1 / (1 + Math.exp(-z));
                for (int j = 0; j < n; j++) {
                    for (int k = 0; k < n; k++) {
                        h[j][k] += s * (1 - s) * a[i][j] * a[i][k];
                    }
                }
            }
            for (int j = 0; j < n; j++) {
                h[j][j] += mu;
            }
            double[] step = solve(h, gs);
            for (int j = 0; j < n; j++) {
                star[j] -= step[j];
            }
        }
        f.valueAndGrad(star, gs);
        double refNorm = 0;
        for (double v : gs) {
            refNorm += v * v;
        }
        refNorm = Math.sqrt(refNorm);
        for (CoordinateMethods.Rule rule : CoordinateMethods.Rule.values()) {
            Result r = Minimize.with(CoordinateMethods.lipschitz(l, rule, 1e-10, 2)).steps(100000).run(f, new double[n]);
            assertEquals(Stop.Reason.STATIONARY, r.reason(), rule.name());
            // mu-strong convexity: |x - x*| <= (|g(x)| + |g(x_ref)|) / mu
            double bound = (r.gradientNorm() + refNorm) / mu;
            assertTrue(bound < 2e-9, rule.name() + " bound " + bound);
            assertArrayEquals(star, r.x(), bound, rule.name());
            double[] losses = r.history().losses();
            for (int k = 1; k < losses.length; k++) {
                assertTrue(losses[k] <= losses[k - 1] * (1 + 1e-14), rule.name() + ": steps 1/L_i never increase f");
            }
        }
    }

    @Test
    void proximalBlockCoordinateDescentOverParameterGroups() {
        // least squares in (u, v) = two leaves: reaches the normal equations
        Random rnd = new Random(4);
        double[][] a = gaussian(rnd, 40, 8);
        double[] y = new double[40];
        for (int i = 0; i < 40; i++) {
            y[i] = rnd.nextGaussian();
        }
        Quadratic ls = Quadratic.leastSquares(a, y);
        Params<Tensor> start = Params.of("u", Tensor.zeros(3), "v", Tensor.zeros(5));
        for (CoordinateMethods.Rule rule : new CoordinateMethods.Rule[] {CoordinateMethods.Rule.CYCLIC, CoordinateMethods.Rule.RANDOMIZED,
            CoordinateMethods.Rule.GAUSS_SOUTHWELL}) {
            // the inner L-BFGS resolves f to rounding: |g| about sqrt(eps |f| L), 1e-6 here
            Result r = Minimize.with(CoordinateMethods.blockCoordinate(1, rule, 200, 1e-10, 3)).steps(2000)
                    .stopWhen(Stop.gradientNorm(1e-6)).run(ls.objective(), start);
            assertEquals(Stop.Reason.GRADIENT_NORM, r.reason(), rule.name());
            assertArrayEquals(normalEquations(a, y), r.x(), 2e-7, rule.name());
        }
        // a rank-one factorization, nonconvex: |u v^T - M|^2 / 2 ends at (|M|^2 - sigma_1^2) / 2 (Eckart-Young)
        double[][] mat = gaussian(rnd, 6, 4);
        Objective fact = (x, g) -> {
            double v = 0;
            java.util.Arrays.fill(g, 0);
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 4; j++) {
                    double r = x[i] * x[6 + j] - mat[i][j];
                    v += 0.5 * r * r;
                    g[i] += r * x[6 + j];
                    g[6 + j] += r * x[i];
                }
            }
            return v;
        };
        double[] u0 = new double[10];
        for (int i = 0; i < 10; i++) {
            u0[i] = 0.5 + 0.1 * i;
        }
        Params<Tensor> factors = Params.of("u", Tensor.copyOf(java.util.Arrays.copyOf(u0, 6), 6),
                "v", Tensor.copyOf(java.util.Arrays.copyOfRange(u0, 6, 10), 4));
        Result r = Minimize.with(CoordinateMethods.blockCoordinate(10, CoordinateMethods.Rule.CYCLIC, 100, 1e-10, 0)).steps(5000)
                .stopWhen(Stop.gradientNorm(1e-6)).run(fact, factors);
        assertEquals(Stop.Reason.GRADIENT_NORM, r.reason());
        double frob = 0;
        for (double[] row : mat) {
            for (double v : row) {
                frob += v * v;
            }
        }
        double sigma1 = topSingularValue(mat);
        assertEquals(0.5 * (frob - sigma1 * sigma1), r.value(), 1e-10);
        double[] losses = r.history().losses();
        for (int k = 1; k < losses.length; k++) {
            assertTrue(losses[k] <= losses[k - 1] * (1 + 1e-14), "proximal updates never increase f");
        }
    }

    /** The largest singular value, by power iteration on {@code M^T M}. */
    private static double topSingularValue(double[][] m) {
        int n = m[0].length;
        double[] v = new double[n];
        java.util.Arrays.fill(v, 1);
        double s = 0;
        for (int k = 0; k < 5000; k++) {
            double[] mv = new double[m.length];
            for (int i = 0; i < m.length; i++) {
                for (int j = 0; j < n; j++) {
                    mv[i] += m[i][j] * v[j];
                }
            }
            double[] w = new double[n];
            for (int i = 0; i < m.length; i++) {
                for (int j = 0; j < n; j++) {
                    w[j] += m[i][j] * mv[i];
                }
            }
            double norm = 0;
            for (double x : w) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < n; j++) {
                v[j] = w[j] / norm;
            }
            s = Math.sqrt(norm);
        }
        return s;
    }

    @Test
    void checkpointedRandomizedRunsResumeBitForBit(@TempDir Path dir) {
        Random rnd = new Random(8);
        double[][] a = gaussian(rnd, 30, 10);
        double[] y = new double[30];
        for (int i = 0; i < 30; i++) {
            y[i] = rnd.nextGaussian();
        }
        Quadratic ls = Quadratic.leastSquares(a, y);
        Method m = CoordinateMethods.exact(ls, CoordinateMethods.Rule.RANDOMIZED, 0, 11);
        Path file = dir.resolve("cd.ckpt");
        Result whole = Minimize.with(m).steps(9).run(ls.objective(), new double[10]);
        Minimize.with(m).steps(4).checkpoint(file, 4).run(ls.objective(), new double[10]);
        Result resumed = Minimize.with(m).steps(9).resume(file).run(ls.objective(), new double[10]);
        assertArrayEquals(whole.x(), resumed.x(), 0);
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException diag = assertThrows(IllegalArgumentException.class,
                () -> Quadratic.of(new double[][] {{1, 0}, {0, 0}}, new double[2]));
        assertTrue(diag.getMessage().contains("Q[1][1]"), diag.getMessage());
        IllegalArgumentException l = assertThrows(IllegalArgumentException.class,
                () -> CoordinateMethods.lipschitz(new double[] {1, -2}, CoordinateMethods.Rule.CYCLIC, 0, 0));
        assertTrue(l.getMessage().contains("lipschitz[1]"), l.getMessage());
        IllegalArgumentException tau = assertThrows(IllegalArgumentException.class,
                () -> CoordinateMethods.blockCoordinate(-1, CoordinateMethods.Rule.CYCLIC, 10, 1e-8, 0));
        assertTrue(tau.getMessage().contains("tau"), tau.getMessage());
        Quadratic q = Quadratic.of(new double[][] {{2, 1}, {1, 2}}, new double[] {1, 1});
        IllegalArgumentException start = assertThrows(IllegalArgumentException.class,
                () -> Minimize.with(CoordinateMethods.exact(q, CoordinateMethods.Rule.CYCLIC, 0, 0)).run((x, g) -> 0, new double[3]));
        assertTrue(start.getMessage().contains("3 elements"), start.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> Quadratic.leastSquares(new double[][] {{1, 0}, {2, 0}}, new double[2]));
        assertTrue(zero.getMessage().contains("column 1"), zero.getMessage());
    }
}
