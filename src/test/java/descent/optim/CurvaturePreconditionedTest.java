package descent.optim;

import descent.tensor.ParamLayout;
import descent.tensor.Params;
import descent.tensor.Shape;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AdaHessian, Sophia-H, OASIS and SANIA on the diagonal quadratic
 * {@code f = 1/2 sum_i a_i (x_i - c_i)^2}, whose Hutchinson estimate {@code z * (H z) = a} is
 * exact for every Rademacher probe: the first steps against closed forms (AdaHessian's first step
 * is {@code -lr a (x - c) / (a + eps)}, Sophia's is {@code -lr sign(x - c)}, OASIS settles on the
 * step size 1/2 from its second step, SANIA halves the distance to the optimum at every step
 * whatever the scaling), longer trajectories against plain reference loops, the number of
 * Hessian products, and convergence on a quadratic in badly scaled coordinates (scales from 1e-3
 * to 1e3), where the best Adam of a learning-rate grid is far from the optimum after the same
 * number of steps; Sophia, whose clipping is in the parameters' units, is checked for that bound
 * and for convergence instead.
 */
class CurvaturePreconditionedTest {
    static final double[] A = {4, 0.25, 1, 30};
    static final double[] C = {1, -2, 0.5, 0.1};

    static HessianObjective quadratic(double[] a, double[] c) {
        return HessianObjective.of((x, g) -> {
            double f = 0;
            for (int i = 0; i < x.length; i++) {
                double e = x[i] - c[i];
                g[i] = a[i] * e;
                f += 0.5 * a[i] * e * e;
            }
            return f;
        }, (x, v, out) -> {
            for (int i = 0; i < x.length; i++) {
                out[i] = a[i] * v[i];
            }
        });
    }

    /** Runs {@code steps} updates of {@code t} on the quadratic through its own context, returning the iterates; counts products in {@code products[0]}. */
    static double[][] trajectory(Transform t, double[] a, double[] c, double[] x0, int steps, int[] products) {
        HessianObjective f = quadratic(a, c);
        int n = x0.length;
        double[] x = x0.clone();
        State s = t.init(ParamLayout.ofShapes(Params.of(Shape.class, "x", Shape.of(n))), x);
        double[] g = new double[n];
        double[][] out = new double[steps + 1][];
        out[0] = x.clone();
        for (int k = 0; k < steps; k++) {
            double v = f.valueAndGrad(x, g);
            Context ctx = Context.of(v, f::valueAndGrad, (p, z, hz) -> {
                products[0]++;
                f.hvp(p, z, hz);
            });
            t.update(g, s, x, ctx);
            for (int i = 0; i < n; i++) {
                x[i] += g[i];
            }
            out[k + 1] = x.clone();
        }
        return out;
    }

    @Test
    void adaHessianFollowsTheReference() {
        double lr = 0.15;
        double eps = 1e-4;
        int[] products = {0};
        double[][] xs = trajectory(Optimizers.adaHessian(lr, 0.9, 0.999, eps, 0.01, 1, 2, 7), A, C, new double[4], 6, products);
        assertEquals(3, products[0], "one product every second step");
        // the first step, by hand: m^ = g, v^ = a^2, so dx = -lr (g / (a + eps) + wd x) with x = 0
        for (int i = 0; i < 4; i++) {
            assertEquals(-lr * A[i] * (0 - C[i]) / (A[i] + eps), xs[1][i], 1e-15);
        }
        double[] x = new double[4];
        double[] m = new double[4];
        double[] v = new double[4];
        for (int k = 1; k <= 6; k++) {
            for (int i = 0; i < 4; i++) {
                double g = A[i] * (x[i] - C[i]);
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * A[i] * A[i];
                double mh = m[i] / (1 - Math.pow(0.9, k));
                double vh = v[i] / (1 - Math.pow(0.999, k));
                x[i] -= lr * (mh / (Math.sqrt(vh) + eps) + 0.01 * x[i]);
                assertEquals(x[i], xs[k][i], 1e-14, "step " + k + ", element " + i);
            }
        }
    }

    @Test
    void sophiaFollowsTheReference() {
        double lr = 0.02;
        int[] products = {0};
        double[][] xs = trajectory(Optimizers.sophia(lr, 0.96, 0.99, 0.01, 1e-12, 0.1, 3, 1), A, C, new double[4], 9, products);
        assertEquals(2, products[0], "one product before steps 4 and 7");
        // the first step, by hand: h = 0 before step 4, so the ratio is clipped: a sign step
        for (int i = 0; i < 4; i++) {
            assertEquals(-lr * Math.signum(0 - C[i]), xs[1][i], 1e-15);
        }
        double[] x = new double[4];
        double[] m = new double[4];
        double[] h = new double[4];
        for (int k = 0; k < 9; k++) {
            for (int i = 0; i < 4; i++) {
                if (k > 0 && k % 3 == 0) {
                    h[i] = 0.99 * h[i] + 0.01 * A[i];
                }
                m[i] = 0.96 * m[i] + 0.04 * A[i] * (x[i] - C[i]);
                double r = Math.max(-1, Math.min(1, m[i] / Math.max(0.01 * h[i], 1e-12)));
                x[i] -= lr * (0.1 * x[i] + r);
                assertEquals(x[i], xs[k + 1][i], 1e-15, "step " + (k + 1) + ", element " + i);
            }
        }
    }

    @Test
    void oasisSettlesOnHalfANewtonStep() {
        double eta0 = 0.3;
        int[] products = {0};
        double[] x0 = {3, 1, -1, 2};
        double[][] xs = trajectory(Optimizers.oasis(eta0, 0.99, 1e-5, 4, 0), A, C, x0, 8, products);
        assertEquals(4 + 7, products[0], "four warm-up probes, then one per step");
        // D = a exactly; step 1 is x - eta0 (x - c); then |dx|_D / (2 |dg|*_D) = 1/2 and the
        // growth bound sqrt(1 + theta) eta is never smaller, so every later step halves x - c
        for (int k = 1; k <= 8; k++) {
            double factor = (1 - eta0) * Math.pow(0.5, k - 1);
            for (int i = 0; i < 4; i++) {
                assertEquals(C[i] + factor * (x0[i] - C[i]), xs[k][i], 1e-14, "step " + k + ", element " + i);
            }
        }
    }

    @Test
    void saniaHalvesTheDistanceWhateverTheScaling() {
        double[] x0 = {3, 1, -1, 2};
        for (double scale : new double[] {1, 1e-3, 1e3}) {
            double[] a = A.clone();
            for (int i = 0; i < 4; i++) {
                a[i] *= i % 2 == 0 ? scale : 1 / scale;
            }
            int[] products = {0};
            double[][] xs = trajectory(Optimizers.sania(0, 0.99, 1e-12, 2, 5), a, C, x0, 6, products);
            // B = a: g'B^{-1}g = sum a (x - c)^2 = 2 f, so the Polyak step is 1/2 along the Newton direction
            for (int k = 1; k <= 6; k++) {
                for (int i = 0; i < 4; i++) {
                    assertEquals(C[i] + Math.pow(0.5, k) * (x0[i] - C[i]), xs[k][i], 1e-13, "scale " + scale + ", step " + k);
                }
            }
            assertEquals(2 + 5, products[0]);
        }
    }

    /** {@code f = 1/2 sum ((x_i - c_i) / c_i)^2} with {@code c_i} log-spaced over {@code [10^lo, 10^hi]}: a well-conditioned problem in badly scaled coordinates. */
    static HessianObjective badlyScaled(int n, double lo, double hi) {
        double[] a = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = Math.pow(10, lo + (hi - lo) * i / (n - 1));
            a[i] = 1 / (c[i] * c[i]);
        }
        return quadratic(a, c);
    }

    static double bestAdam(HessianObjective f, int n, int steps) {
        double best = Double.POSITIVE_INFINITY;
        for (double lr : new double[] {1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1, 3, 10, 30, 100}) {
            best = Math.min(best, Minimize.with(Optimizers.adam(lr)).steps(steps).run(f, new double[n]).value());
        }
        return best;
    }

    @Test
    void curvatureMethodsBeatTheBestAdamOnABadlyScaledQuadratic() {
        // scales from 1e-3 to 1e3: Adam moves each coordinate by about lr per step, so no single lr serves all;
        // a diagonal-Newton preconditioner is invariant to the scaling (eps and alpha are set below the smallest curvature 1e-6)
        int n = 20;
        int steps = 300;
        HessianObjective f = badlyScaled(n, -3, 3);
        double f0 = f.valueAndGrad(new double[n], new double[n]);
        double adam = bestAdam(f, n, steps);
        Transform[] methods = {Optimizers.adaHessian(0.15, 0.9, 0.999, 1e-12, 0, 1, 1, 0), Optimizers.oasis(0.1, 0.99, 1e-12, 10, 0),
            Optimizers.sania(0, 0.99, 1e-12, 10, 0)};
        String[] names = {"adaHessian", "oasis", "sania"};
        System.out.println(String.format(Locale.ROOT, "f0 = %.3e, best Adam of 11 learning rates after %d steps: %.3e", f0, steps, adam));
        for (int m = 0; m < methods.length; m++) {
            Result r = Minimize.with(methods[m]).steps(steps).run(f, new double[n]);
            System.out.println(String.format(Locale.ROOT, "%-10s f = %.3e after %d steps, %d Hessian products", names[m], r.value(),
                    r.steps(), r.hessianProducts()));
            assertTrue(r.value() < 1e-12 * f0, names[m] + ": " + r);
            assertTrue(r.value() < 1e-6 * adam, names[m] + " vs Adam's " + adam);
        }
    }

    @Test
    void sophiaMovesNoCoordinateMoreThanLrAndConverges() {
        // Sophia's clip bounds every coordinate's step by lr (in the parameters' units), so it is
        // not scale invariant, and its momentum (beta1 = 0.96) bounds its local rate by
        // sqrt(0.96) per step: on these quadratics it does not beat a tuned Adam, but it converges
        int n = 20;
        int steps = 1500;
        HessianObjective f = badlyScaled(n, -2, 1);
        double f0 = f.valueAndGrad(new double[n], new double[n]);
        double lr = 0.2;
        Result r = Minimize.with(Optimizers.sophia(lr, 0.96, 0.99, 0.2, 1e-12, 0, 1, 0)).steps(steps).recordIterates().run(f, new double[n]);
        System.out.println(String.format(Locale.ROOT, "f0 = %.3e, sophia %.3e after %d steps", f0, r.value(), steps));
        java.util.List<double[]> xs = r.history().iterates();
        assertEquals(steps, xs.size());
        for (int k = 1; k < xs.size(); k++) {
            for (int i = 0; i < n; i++) {
                assertTrue(Math.abs(xs.get(k)[i] - xs.get(k - 1)[i]) <= lr * (1 + 1e-12), "step " + k + " moved element " + i + " by more than lr");
            }
        }
        assertTrue(r.value() < 1e-12 * f0, r.toString());
    }

    @Test
    void withoutHessianProductsTheyFailClearly() {
        for (Transform t : new Transform[] {Optimizers.adaHessian(0.1), Optimizers.sophia(0.1), Optimizers.oasis(0.1), Optimizers.sania(0)}) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Minimize.with(t).steps(3).run(ScipyProblems::rosen, new double[] {1, 2}));
            assertTrue(e.getMessage().contains("Hessian-vector products") || e.getMessage().contains("loss value"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.adaHessian(0.1, 0.9, 0.999, 1e-4, 0, 1.5, 1, 0));
        assertTrue(e.getMessage().contains("hessianPower"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Optimizers.sophia(0.1, 0.9, 0.99, 0, 1e-12, 0, 10, 0));
        assertTrue(e.getMessage().contains("gamma"), e.getMessage());
    }
}
