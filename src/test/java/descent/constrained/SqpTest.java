package descent.constrained;

import descent.optim.HessianObjective;
import descent.optim.Method;
import descent.optim.Minimize;
import descent.optim.Objective;
import descent.optim.Result;
import descent.optim.Stop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inexact Newton–KKT method on the Hock–Schittkowski problems of {@link HockSchittkowski}, with
 * gradients and Hessian-vector products from the AD core.
 */
class SqpTest {
    private static Result solve(HockSchittkowski p) {
        Result r = Minimize.with(ConstrainedMethods.sqp(p.equalities)).steps(100).run(p.objective, p.start);
        assertEquals(Stop.Reason.STATIONARY, r.reason(), p + " after " + r.iterations() + " iterations");
        assertArrayEquals(p.solution, r.x(), 1e-6, p.toString());
        assertTrue(p.violation(r.x()) < 1e-8, p + ": violation " + p.violation(r.x()));
        assertEquals(p.optimum, r.value(), 1e-10);
        return r;
    }

    @Test
    void hs6() {
        Result r = solve(HockSchittkowski.hs6());
        assertEquals(0, r.state().find(Multipliers.class).equality()[0], 1e-10);
        assertTrue(r.iterations() <= 20, "iterations " + r.iterations());
    }

    @Test
    void hs7() {
        Result r = solve(HockSchittkowski.hs7());
        // grad f + lambda grad c = 0 at (0, sqrt 3): -1 + lambda 2 sqrt 3 = 0.
        assertEquals(1 / (2 * Math.sqrt(3)), r.state().find(Multipliers.class).equality()[0], 1e-10);
        assertTrue(r.iterations() <= 20, "iterations " + r.iterations());
    }

    /**
     * The minimum is degenerate (f is quartic in x2 - x3 along the constraint), so Newton's method
     * converges only linearly there (the error shrinks by 2/3 per step), the violation left by a
     * step is quadratic in the error and the Lagrangian's gradient cubic: tolerances of 1e-13 are
     * what put x within 1e-6 (at the default 1e-10 the error is still 7e-6).
     */
    @Test
    void hs26() {
        HockSchittkowski p = HockSchittkowski.hs26();
        Result r = Minimize.with(ConstrainedMethods.sqp(p.equalities, 1e-13, 1e-13, 200)).steps(100).run(p.objective, p.start);
        assertTrue(r.reason() == Stop.Reason.STATIONARY || r.reason() == Stop.Reason.NO_PROGRESS, r.reason().toString());
        assertArrayEquals(p.solution, r.x(), 1e-6);
        assertTrue(p.violation(r.x()) < 1e-8);
        assertEquals(0, r.value(), 1e-20);
        Result loose = Minimize.with(ConstrainedMethods.sqp(p.equalities)).steps(100).run(p.objective, p.start);
        assertEquals(Stop.Reason.STATIONARY, loose.reason());
        assertTrue(Math.abs(loose.x()[0] - 1) > 1e-6, "the default tolerance stops before 1e-6 on the degenerate minimum");
    }

    @Test
    void hs39() {
        Result r = solve(HockSchittkowski.hs39());
        // -1 - 3 lambda1 + 2 lambda2 = 0 and lambda1 - lambda2 = 0 at (1, 1, 0, 0).
        assertArrayEquals(new double[] {-1, -1}, r.state().find(Multipliers.class).equality(), 1e-9);
        assertTrue(r.iterations() <= 20, "iterations " + r.iterations());
    }

    /**
     * With MINRES on the whole KKT system, HS6, HS7 and HS39 reach the solutions, multipliers and
     * optima the projected-CG runs reach (measured: 17, 9 and 11 iterations with 101, 56 and 54
     * MINRES products; CG: 10, 12 and 11 iterations with 24, 22 and 12 CG steps).
     */
    @Test
    void minresReachesTheSameSolutionsAsProjectedCg() {
        for (HockSchittkowski p : new HockSchittkowski[] {HockSchittkowski.hs6(), HockSchittkowski.hs7(), HockSchittkowski.hs39()}) {
            Result cg = solve(p);
            Method method = ConstrainedMethods.sqp(p.equalities, 1e-10, 1e-10, 200, ConstrainedMethods.KktSolver.MINRES);
            assertTrue(method.name().contains("minres"), method.name());
            Result r = Minimize.with(method).steps(100).run(p.objective, p.start);
            assertEquals(Stop.Reason.STATIONARY, r.reason(), p + " after " + r.iterations() + " iterations");
            assertArrayEquals(p.solution, r.x(), 1e-6, p.toString());
            assertArrayEquals(cg.x(), r.x(), 1e-9, p.toString());
            assertTrue(p.violation(r.x()) < 1e-8, p + ": violation " + p.violation(r.x()));
            assertEquals(p.optimum, r.value(), 1e-10);
            assertArrayEquals(cg.state().find(Multipliers.class).equality(), r.state().find(Multipliers.class).equality(), 1e-9,
                    p.toString());
            assertTrue(r.iterations() <= 20, p + ": iterations " + r.iterations());
        }
    }

    /**
     * MINRES alone on a KKT matrix {@code [H A'; A 0]} (H symmetric indefinite, 60 x 60, A 5 x 60),
     * on operator callbacks, against the dense solve: the solution to 1e-10 relative.
     */
    @Test
    void minresSolvesASymmetricIndefiniteKktSystem() {
        int n = 60;
        int m = 5;
        java.util.Random r = new java.util.Random(31);
        double[][] k = new double[n + m][n + m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                k[i][j] = k[j][i] = r.nextGaussian() + (i == j ? (i % 2 == 0 ? 8 : -8) : 0);
            }
        }
        for (int c = 0; c < m; c++) {
            for (int i = 0; i < n; i++) {
                k[n + c][i] = k[i][n + c] = r.nextGaussian();
            }
        }
        double[] b = new double[n + m];
        for (int i = 0; i < n + m; i++) {
            b[i] = r.nextGaussian();
        }
        double[] expected = solveDense(k, b);
        double[] x = new double[n + m];
        descent.curvature.Krylov.Solution s = descent.curvature.Krylov.minres(descent.curvature.Operator.of(n + m, (v, out) -> {
            for (int i = 0; i < n + m; i++) {
                double t = 0;
                for (int j = 0; j < n + m; j++) {
                    t += k[i][j] * v[j];
                }
                out[i] = t;
            }
        }), b, x, null, 1e-13, 1000);
        assertTrue(s.converged(), s.toString());
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertArrayEquals(expected, x, 1e-10 * scale);
    }

    /** Superlinear local convergence: the KKT residual falls faster than any fixed ratio over the last iterations. */
    @Test
    void convergesSuperlinearlyNearTheSolution() {
        HockSchittkowski p = HockSchittkowski.hs7();
        Result r = Minimize.with(ConstrainedMethods.sqp(p.equalities)).steps(100).run(p.objective, p.start);
        double[] kkt = r.history().measures();
        int last = kkt.length - 1;
        assertTrue(kkt[last] <= 1e-10);
        assertTrue(kkt[last - 1] <= 1e-3);
        assertTrue(kkt[last] <= 0.01 * kkt[last - 1] && kkt[last - 1] <= 0.1 * kkt[last - 2],
                "KKT residuals " + kkt[last - 2] + ", " + kkt[last - 1] + ", " + kkt[last]);
    }

    /** Solves the square system {@code M z = r} by Gaussian elimination with partial pivoting. */
    private static double[] solveDense(double[][] m, double[] r) {
        int n = r.length;
        double[][] a = new double[n][];
        double[] b = r.clone();
        for (int i = 0; i < n; i++) {
            a[i] = m[i].clone();
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int i = c + 1; i < n; i++) {
                if (Math.abs(a[i][c]) > Math.abs(a[p][c])) {
                    p = i;
                }
            }
            double[] t = a[c];
            a[c] = a[p];
            a[p] = t;
            double tb = b[c];
            b[c] = b[p];
            b[p] = tb;
            for (int i = c + 1; i < n; i++) {
                double f = a[i][c] / a[c][c];
                for (int j = c; j < n; j++) {
                    a[i][j] -= f * a[c][j];
                }
                b[i] -= f * b[c];
            }
        }
        double[] z = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = b[i];
            for (int j = i + 1; j < n; j++) {
                s -= a[i][j] * z[j];
            }
            z[i] = s / a[i][i];
        }
        return z;
    }

    /**
     * An equality-constrained QP in 200 variables with 5 constraints, written with AD operations
     * (x'Qx / 2 + c'x, b_i'x = d_i): the solution and multipliers match the dense KKT solve to
     * 1e-9 with either KKT solver, in a few outer iterations whose inexact solves take far fewer
     * than 200 steps each (measured: projected CG 8 iterations, 28 CG steps in all; MINRES 5
     * iterations, 95 products).
     */
    @Test
    void aLargerQuadraticProgramMatchesTheDenseKktSolve() {
        int n = 200;
        int m = 5;
        java.util.Random r = new java.util.Random(11);
        double[] w = new double[n * n];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextGaussian() / Math.sqrt(n);
        }
        double[] q = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? 1 : 0;
                for (int k = 0; k < n; k++) {
                    s += w[k * n + i] * w[k * n + j];
                }
                q[i * n + j] = s;
            }
        }
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = r.nextGaussian();
        }
        double[][] b = new double[m][n];
        double[] d = new double[m];
        for (int k = 0; k < m; k++) {
            for (int i = 0; i < n; i++) {
                b[k][i] = r.nextGaussian();
            }
            d[k] = r.nextGaussian();
        }
        descent.tensor.ParamLayout layout = descent.tensor.ParamLayout.of(descent.tensor.Params.of("x", descent.tensor.Tensor.zeros(n)));
        HessianObjective f = HessianObjective.of(descent.ad.Func.of(3, a -> new descent.tensor.Value[] {
            a[0].dot(a[1].matmul(a[0])).mul(0.5).add(a[2].dot(a[0]))}), layout, descent.tensor.Tensor.wrap(q, n, n),
                descent.tensor.Tensor.wrap(c, n));
        HessianObjective[] eq = new HessianObjective[m];
        for (int k = 0; k < m; k++) {
            double dk = d[k];
            eq[k] = HessianObjective.of(descent.ad.Func.of(2, a -> new descent.tensor.Value[] {a[1].dot(a[0]).sub(dk)}), layout,
                    descent.tensor.Tensor.wrap(b[k], n));
        }
        double[][] kkt = new double[n + m][n + m];
        double[] rhs = new double[n + m];
        for (int i = 0; i < n; i++) {
            System.arraycopy(q, i * n, kkt[i], 0, n);
            for (int k = 0; k < m; k++) {
                kkt[i][n + k] = b[k][i];
                kkt[n + k][i] = b[k][i];
            }
            rhs[i] = -c[i];
        }
        System.arraycopy(d, 0, rhs, n, m);
        double[] z = solveDense(kkt, rhs);
        for (ConstrainedMethods.KktSolver solver : ConstrainedMethods.KktSolver.values()) {
            Result res = Minimize.with(ConstrainedMethods.sqp(eq, 1e-10, 1e-10, 200, solver)).steps(50).run(f, new double[n]);
            assertEquals(Stop.Reason.STATIONARY, res.reason(), solver.toString());
            assertArrayEquals(java.util.Arrays.copyOf(z, n), res.x(), 1e-9, solver.toString());
            Multipliers mult = res.state().find(Multipliers.class);
            assertArrayEquals(java.util.Arrays.copyOfRange(z, n, n + m), mult.equality(), 1e-9, solver.toString());
            assertTrue(res.iterations() <= 10, solver + ": iterations " + res.iterations());
            assertTrue(mult.innerIterations() < 200 * res.iterations() / 2, solver + ": " + mult.innerIterations()
                    + " inner iterations over " + res.iterations() + " steps");
        }
    }

    /**
     * The smallest eigenvalue of a symmetric matrix as {@code min x'Ax} on the unit sphere, from
     * ten random starts: every eigenvector is a KKT point and the Lagrangian's Hessian
     * {@code 2(A + lambda I)} is indefinite away from the solution, so the merit function, the
     * shift and the truncation of CG at negative curvature are what lead each run to the
     * eigenvector of the smallest eigenvalue, with {@code lambda = -lambda_min} (measured: 11 to 14
     * iterations).
     */
    @Test
    void smallestEigenvectorOnTheSphere() {
        int n = 30;
        java.util.Random r = new java.util.Random(12);
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                a[i * n + j] = a[j * n + i] = r.nextGaussian();
            }
        }
        descent.tensor.ParamLayout layout = descent.tensor.ParamLayout.of(descent.tensor.Params.of("x", descent.tensor.Tensor.zeros(n)));
        HessianObjective f = HessianObjective.of(descent.ad.Func.of(2, v -> new descent.tensor.Value[] {v[0].dot(v[1].matmul(v[0]))}),
                layout, descent.tensor.Tensor.wrap(a, n, n));
        HessianObjective sphere = HessianObjective.of(descent.ad.Func.of(x -> x.dot(x).sub(1)), layout);
        SymmetricEigen e = new SymmetricEigen(a, 0, n);
        int min = 0;
        for (int i = 1; i < n; i++) {
            if (e.values[i] < e.values[min]) {
                min = i;
            }
        }
        for (int trial = 0; trial < 10; trial++) {
            double[] x0 = new double[n];
            for (int i = 0; i < n; i++) {
                x0[i] = r.nextGaussian() / Math.sqrt(n);
            }
            Result res = Minimize.with(ConstrainedMethods.sqp(sphere)).steps(200).run(f, x0);
            assertEquals(Stop.Reason.STATIONARY, res.reason(), "start " + trial);
            assertTrue(res.iterations() <= 30, "start " + trial + ": iterations " + res.iterations());
            assertEquals(e.values[min], res.value(), 1e-9);
            double dot = 0;
            for (int i = 0; i < n; i++) {
                dot += res.x()[i] * e.vectors[i * n + min];
            }
            for (int i = 0; i < n; i++) {
                assertEquals(Math.signum(dot) * e.vectors[i * n + min], res.x()[i], 1e-8, "start " + trial);
            }
            assertEquals(-e.values[min], res.state().find(Multipliers.class).equality()[0], 1e-9);
        }
    }

    @Test
    void countsEveryEvaluationAndProduct() {
        HockSchittkowski p = HockSchittkowski.hs39();
        AtomicLong values = new AtomicLong();
        AtomicLong products = new AtomicLong();
        HessianObjective[] counted = new HessianObjective[p.equalities.length];
        for (int i = 0; i < counted.length; i++) {
            HessianObjective c = p.equalities[i];
            counted[i] = HessianObjective.of((x, g) -> {
                values.incrementAndGet();
                return c.valueAndGrad(x, g);
            }, (x, v, out) -> {
                products.incrementAndGet();
                c.hvp(x, v, out);
            });
        }
        AtomicLong fProducts = new AtomicLong();
        AtomicLong fValues = new AtomicLong();
        HessianObjective f = HessianObjective.of((x, g) -> {
            fValues.incrementAndGet();
            return p.objective.valueAndGrad(x, g);
        }, (x, v, out) -> {
            fProducts.incrementAndGet();
            p.objective.hvp(x, v, out);
        });
        Result r = Minimize.with(ConstrainedMethods.sqp(counted)).steps(100).run(f, p.start);
        Multipliers m = r.state().find(Multipliers.class);
        assertEquals(values.get(), m.constraintEvaluations());
        assertEquals(products.get(), m.constraintProducts());
        assertEquals(fProducts.get(), r.hessianProducts());
        assertEquals(fValues.get(), r.evaluations());
        assertTrue(m.innerIterations() > 0 && m.innerIterations() <= fProducts.get());
    }

    @Test
    void aResumedRunContinuesBitForBit(@TempDir Path dir) {
        HockSchittkowski p = HockSchittkowski.hs39();
        Path file = dir.resolve("sqp.ckpt");
        Result whole = Minimize.with(ConstrainedMethods.sqp(p.equalities)).steps(8).run(p.objective, p.start);
        Minimize.with(ConstrainedMethods.sqp(p.equalities)).steps(4).checkpoint(file, 4).run(p.objective, p.start);
        Result resumed = Minimize.with(ConstrainedMethods.sqp(p.equalities)).steps(8).resume(file).run(p.objective, p.start);
        assertArrayEquals(whole.x(), resumed.x(), 0);
        assertArrayEquals(whole.history().measures(), resumed.history().measures(), 0);
        assertArrayEquals(whole.state().find(Multipliers.class).equality(), resumed.state().find(Multipliers.class).equality(), 0);
    }

    @Test
    void badInputGetsClearErrors() {
        HockSchittkowski p = HockSchittkowski.hs39();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConstrainedMethods.sqp());
        assertTrue(e.getMessage().contains("at least one equality constraint"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConstrainedMethods.sqp(p.equalities[0], null));
        assertTrue(e.getMessage().contains("equality constraint 1 is null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConstrainedMethods.sqp(p.equalities, -1, 1e-8, 10));
        assertTrue(e.getMessage().contains("violationTolerance"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConstrainedMethods.sqp(p.equalities, 1e-8, 1e-8, 0));
        assertTrue(e.getMessage().contains("maxCg"), e.getMessage());
        Objective plain = p.objective::valueAndGrad;
        e = assertThrows(IllegalArgumentException.class, () -> Minimize.with(ConstrainedMethods.sqp(p.equalities)).run(plain, p.start));
        assertTrue(e.getMessage().contains("Hessian-vector products"), e.getMessage());
        // The two constraints have parallel gradients everywhere: the KKT matrix is singular.
        HessianObjective c = HockSchittkowski.hs6().equalities[0];
        HessianObjective twice = HessianObjective.of((x, g) -> {
            double v = c.valueAndGrad(x, g);
            for (int k = 0; k < g.length; k++) {
                g[k] *= 2;
            }
            return 2 * v;
        }, (x, v, out) -> {
            c.hvp(x, v, out);
            for (int k = 0; k < out.length; k++) {
                out[k] *= 2;
            }
        });
        HockSchittkowski hs6 = HockSchittkowski.hs6();
        e = assertThrows(IllegalArgumentException.class, () -> Minimize.with(ConstrainedMethods.sqp(c, twice)).run(hs6.objective,
                hs6.start));
        assertTrue(e.getMessage().contains("no freedom"), e.getMessage());
        HessianObjective[] three = {HockSchittkowski.hs26().equalities[0], HockSchittkowski.hs26().equalities[0]};
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> Minimize.with(ConstrainedMethods.sqp(three)).run(HockSchittkowski.hs26().objective, new double[] {-2.6, 2, 2}));
        assertTrue(s.getMessage().contains("linearly dependent"), s.getMessage());
        // min -x1 on the line x1 = x2 is unbounded: the KKT matrix [[0, 0, 1], [0, 0, -1], [1, -1, 0]] is singular and
        // the right-hand side -(grad f + A' lambda, c) = (1/2, 1/2, 0) lies in its null space.
        HessianObjective linear = HessianObjective.of((x, g) -> {
            g[0] = -1;
            g[1] = 0;
            return -x[0];
        }, (x, v, out) -> java.util.Arrays.fill(out, 0));
        HessianObjective line = HessianObjective.of((x, g) -> {
            g[0] = 1;
            g[1] = -1;
            return x[0] - x[1];
        }, (x, v, out) -> java.util.Arrays.fill(out, 0));
        IllegalStateException singular = assertThrows(IllegalStateException.class, () -> Minimize.with(ConstrainedMethods.sqp(
                new HessianObjective[] {line}, 1e-10, 1e-10, 50, ConstrainedMethods.KktSolver.MINRES)).run(linear, new double[] {1, 1}));
        assertTrue(singular.getMessage().contains("MINRES broke down") && singular.getMessage().contains("singular"),
                singular.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConstrainedMethods.sqp(p.equalities, 1e-8, 1e-8, 10, null));
        assertTrue(e.getMessage().contains("KKT solver is null"), e.getMessage());
        HessianObjective throwing = HessianObjective.of((x, g) -> {
            throw new ArithmeticException("constraint model failed");
        }, (x, v, out) -> {
        });
        ArithmeticException t = assertThrows(ArithmeticException.class,
                () -> Minimize.with(ConstrainedMethods.sqp(throwing)).run(p.objective, p.start));
        assertEquals("constraint model failed", t.getMessage());
    }
}
