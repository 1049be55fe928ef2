package descent.optim;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cubic-regularized Newton (Lanczos and dense, fresh and lazy Hessians) and gradient-regularized
 * Newton: convergence to gradient norm 1e-10 on the extended Rosenbrock function with the local
 * rate visible in the history (quadratic for cubic Newton with a fresh Hessian, superlinear for
 * the others), the lazy method forming the Hessian only every {@code m} iterations, and on the
 * nonconvex {@code f(x, y) = x^2/2 + y^4/4 - y^2/2} (saddle at the origin, minima at
 * {@code (0, +-1)} with {@code f = -1/4}): from {@code (1, 0)}, where the gradient has no
 * component along the negative curvature, Newton-CG converges to the saddle and the dense cubic
 * method's hard-case step escapes it; from points with an indefinite Hessian every method reaches
 * a minimum with a positive definite Hessian.
 */
class RegularizedNewtonTest {
    static final HessianObjective SADDLE = HessianObjective.of((x, g) -> {
        g[0] = x[0];
        g[1] = x[1] * x[1] * x[1] - x[1];
        return 0.5 * x[0] * x[0] + 0.25 * Math.pow(x[1], 4) - 0.5 * x[1] * x[1];
    }, (x, v, out) -> {
        out[0] = v[0];
        out[1] = (3 * x[1] * x[1] - 1) * v[1];
    });

    private static String tail(double[] norms) {
        StringBuilder s = new StringBuilder();
        for (int k = Math.max(0, norms.length - 6); k < norms.length; k++) {
            s.append(String.format(Locale.ROOT, " %.2e", norms[k]));
        }
        return s.toString();
    }

    /** The largest {@code |g_{k+1}| / |g_k|^order} over the iterations with {@code lo < |g_k| < hi}, and how many there were. */
    private static double[] rate(double[] norms, double order, double lo, double hi) {
        double worst = 0;
        int count = 0;
        for (int k = 1; k < norms.length; k++) {
            if (norms[k - 1] < hi && norms[k - 1] > lo) {
                worst = Math.max(worst, norms[k] / Math.pow(norms[k - 1], order));
                count++;
            }
        }
        return new double[] {worst, count};
    }

    @Test
    void cubicNewtonConvergesQuadraticallyOnRosenbrock1000() {
        Result r = Minimize.with(Methods.cubicNewton()).steps(200).stopWhen(Stop.gradientNorm(1e-10))
                .run(NewtonMethodsTest.EXTENDED, NewtonMethodsTest.rosenStart(1000));
        double[] norms = r.history().gradientNorms();
        System.out.println("cubicNewton: " + r.iterations() + " iterations, " + r.evaluations() + " evaluations, "
                + r.hessianProducts() + " products; last |g|:" + tail(norms));
        assertEquals(Stop.Reason.GRADIENT_NORM, r.reason(), r.toString());
        assertTrue(r.value() < 1e-20, r.toString());
        double[] q = rate(norms, 2, 1e-9, 1e-2);
        assertTrue(q[1] >= 2 && q[0] < 50, "quadratic rate: worst |g+|/|g|^2 = " + q[0] + " over " + q[1] + " iterations");
    }

    @Test
    void lazyCubicNewtonFormsTheHessianEveryMIterations() {
        int n = 60;
        Result fresh = Minimize.with(Methods.lazyCubicNewton(1)).steps(300).stopWhen(Stop.gradientNorm(1e-10))
                .run(NewtonMethodsTest.EXTENDED, NewtonMethodsTest.rosenStart(n));
        Result lazy = Minimize.with(Methods.lazyCubicNewton(5)).steps(300).stopWhen(Stop.gradientNorm(1e-10))
                .run(NewtonMethodsTest.EXTENDED, NewtonMethodsTest.rosenStart(n));
        for (Result r : new Result[] {fresh, lazy}) {
            System.out.println("lazyCubicNewton: " + r.iterations() + " iterations, " + r.evaluations() + " evaluations, "
                    + r.hessianProducts() + " products; last |g|:" + tail(r.history().gradientNorms()));
            assertEquals(Stop.Reason.GRADIENT_NORM, r.reason(), r.toString());
            assertTrue(r.value() < 1e-20, r.toString());
        }
        // one Hessian (n products) per refresh: ceil(iterations / m) of them
        assertEquals(n * fresh.iterations(), fresh.hessianProducts());
        assertEquals(n * ((lazy.iterations() + 4) / 5), lazy.hessianProducts());
        // more iterations, fewer products: counting a product and a gradient alike, the lazy run costs less
        assertTrue(lazy.hessianProducts() + lazy.evaluations() < 0.75 * (fresh.hessianProducts() + fresh.evaluations()),
                lazy + " vs " + fresh);
        // with a fresh Hessian the exact cubic step converges quadratically
        double[] q = rate(fresh.history().gradientNorms(), 2, 1e-9, 1e-2);
        assertTrue(q[1] >= 2 && q[0] < 50, "quadratic rate: worst |g+|/|g|^2 = " + q[0] + " over " + q[1] + " iterations");
        // with a Hessian m steps old the rate is superlinear: the ratio of successive norms falls to 0
        double[] lz = lazy.history().gradientNorms();
        double last = lz[lz.length - 1] / lz[lz.length - 2];
        assertTrue(last < 1e-2, "last ratio " + last);
    }

    @Test
    void gradientRegularizedNewtonConvergesSuperlinearlyOnRosenbrock1000() {
        Result r = Minimize.with(Methods.gradientRegularizedNewton()).steps(500).stopWhen(Stop.gradientNorm(1e-10))
                .run(NewtonMethodsTest.EXTENDED, NewtonMethodsTest.rosenStart(1000));
        double[] norms = r.history().gradientNorms();
        System.out.println("gradientRegularizedNewton: " + r.iterations() + " iterations, " + r.evaluations() + " evaluations, "
                + r.hessianProducts() + " products; last |g|:" + tail(norms));
        assertEquals(Stop.Reason.GRADIENT_NORM, r.reason(), r.toString());
        assertTrue(r.value() < 1e-20, r.toString());
        // lambda = sqrt(H |g|) makes the local order 3/2: |g+| <= C |g|^1.5
        double[] q = rate(norms, 1.5, 1e-9, 1e-2);
        assertTrue(q[1] >= 2 && q[0] < 100, "order 3/2: worst |g+|/|g|^1.5 = " + q[0] + " over " + q[1] + " iterations");
    }

    @Test
    void onlyTheExactCubicStepEscapesASaddleTheGradientDoesNotSee() {
        Result newton = Minimize.with(Methods.newtonCg()).steps(50).stopWhen(Stop.gradientNorm(1e-12)).run(SADDLE, new double[] {1, 0});
        assertEquals(0, newton.value(), 1e-20, "Newton-CG converges to the saddle: " + newton);
        assertEquals(0, newton.x()[1], 0);
        Result cubic = Minimize.with(Methods.lazyCubicNewton(1)).steps(50).stopWhen(Stop.gradientNorm(1e-12))
                .run(SADDLE, new double[] {1, 0});
        assertEquals(Stop.Reason.GRADIENT_NORM, cubic.reason(), cubic.toString());
        assertEquals(-0.25, cubic.value(), 1e-15, cubic.toString());
        assertEquals(1, Math.abs(cubic.x()[1]), 1e-10);
        // started exactly at the saddle, the model's step is along the negative curvature alone
        Result atSaddle = Minimize.with(Methods.lazyCubicNewton(1)).steps(50).run(SADDLE, new double[] {0, 0});
        assertEquals(-0.25, atSaddle.value(), 1e-15, atSaddle.toString());
    }

    @Test
    void fromIndefiniteHessiansEveryMethodReachesAMinimum() {
        Method[] methods = {Methods.cubicNewton(), Methods.lazyCubicNewton(1), Methods.lazyCubicNewton(3),
            Methods.gradientRegularizedNewton()};
        double[][] starts = {{1, 0.1}, {-2, -0.3}, {0.5, 0.01}};
        for (Method m : methods) {
            for (double[] x0 : starts) {
                // H(x0) = diag(1, 3 y^2 - 1) is indefinite; the pure Newton step in y heads for the saddle y = 0
                assertTrue(3 * x0[1] * x0[1] - 1 < 0);
                Result r = Minimize.with(m).steps(200).stopWhen(Stop.gradientNorm(1e-12)).run(SADDLE, x0.clone());
                assertEquals(Stop.Reason.GRADIENT_NORM, r.reason(), m + " from (" + x0[0] + ", " + x0[1] + "): " + r);
                assertEquals(-0.25, r.value(), 1e-15, m + ": " + r);
                assertEquals(1, Math.abs(r.x()[1]), 1e-10, m + " ends in a well, where the Hessian is diag(1, 2)");
            }
        }
    }

    @Test
    void badOptionsAndObjectivesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Minimize.with(Methods.cubicNewton()).run(ScipyProblems::rosen, NewtonMethodsTest.rosenStart(4)));
        assertTrue(e.getMessage().contains("Hessian-vector products"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Minimize.with(Methods.gradientRegularizedNewton()).run(ScipyProblems::rosen, NewtonMethodsTest.rosenStart(4)));
        assertTrue(e.getMessage().contains("Hessian-vector products"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Methods.lazyCubicNewton(0));
        assertTrue(e.getMessage().contains("refresh"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Methods.cubicNewton(Methods.Subproblem.LANCZOS, 1, 0, 10));
        assertTrue(e.getMessage().contains("m0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Methods.gradientRegularizedNewton(-1, 10));
        assertTrue(e.getMessage().contains("h0"), e.getMessage());
    }
}
