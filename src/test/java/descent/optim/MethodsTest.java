package descent.optim;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The line-search methods: each reaches a gradient norm of 1e-6 on the 3-D ill-conditioned
 * quadratic, the 2-D Rosenbrock function and the extended Rosenbrock function of 100 variables
 * within the iteration budget written beside it (torch's tolerances on the change of the loss
 * turned off); smaller targets meet the limit of rounding, where {@code f} no longer decreases
 * measurably along any step and the line search fails, at gradient norms between 1e-8 and 1e-7; each line search returns a step that satisfies
 * its own conditions; and bad input (a NaN inside a search, a non-descent direction, bounds a
 * method cannot handle, a non-finite start) is a clear error or a documented recovery.
 */
class MethodsTest {
    private record Case(String name, Supplier<Method> method, int quadratic, int rosen2, int rosen100) {
    }

    private static final List<Case> CASES = List.of(
            new Case("lbfgs (strong Wolfe)", () -> Methods.lbfgs(10, LineSearch.strongWolfe(), 0, 0), 20, 60, 600),
            new Case("lbfgs (More-Thuente)", () -> Methods.lbfgs(10, LineSearch.moreThuente(), 0, 0), 20, 60, 600),
            new Case("lbfgs (Hager-Zhang)", () -> Methods.lbfgs(10, LineSearch.hagerZhang(), 0, 0), 20, 60, 600),
            new Case("lbfgs (Armijo)", () -> Methods.lbfgs(10, LineSearch.armijo(), 0, 0), 30, 100, 1000),
            new Case("lbfgsb", () -> Methods.lbfgsb(10, 0, 0, 20), 20, 60, 600),
            new Case("bfgs", Methods::bfgs, 20, 60, 700),
            new Case("cg Fletcher-Reeves", () -> Methods.conjugateGradient(Methods.Cg.FLETCHER_REEVES), 60, 300, 3000),
            new Case("cg Polak-Ribiere+", () -> Methods.conjugateGradient(Methods.Cg.POLAK_RIBIERE_PLUS), 60, 300, 3000),
            new Case("cg Hestenes-Stiefel", () -> Methods.conjugateGradient(Methods.Cg.HESTENES_STIEFEL), 60, 300, 3000),
            new Case("cg Dai-Yuan", () -> Methods.conjugateGradient(Methods.Cg.DAI_YUAN), 60, 300, 3000));

    private static double[] rosenStart(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 2 == 0 ? -1.2 : 1.0;
        }
        return x;
    }

    @TestFactory
    Stream<DynamicTest> everyMethodReachesTheMinimum() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : CASES) {
            tests.add(DynamicTest.dynamicTest(c.name, () -> {
                Result q = Minimize.with(c.method.get()).steps(c.quadratic).stopWhen(Stop.gradientNorm(1e-6))
                        .run(ConvergenceTest::quadratic, new double[3]);
                Result r2 = Minimize.with(c.method.get()).steps(c.rosen2).stopWhen(Stop.gradientNorm(1e-6))
                        .run(ConvergenceTest::rosenbrock, new double[] {-1.2, 1});
                Result r100 = Minimize.with(c.method.get()).steps(c.rosen100).stopWhen(Stop.gradientNorm(1e-6))
                        .run(ScipyProblems::rosen, rosenStart(100));
                System.out.println(String.format(Locale.ROOT, "| %-22s | quadratic %3d it %4d ev | rosen2 %4d it %4d ev | rosen100 %5d it %5d ev |",
                        c.name, q.iterations(), q.evaluations(), r2.iterations(), r2.evaluations(), r100.iterations(), r100.evaluations()));
                for (Result r : new Result[] {q, r2, r100}) {
                    assertEquals(Stop.Reason.GRADIENT_NORM, r.reason(), c.name + ": " + r);
                }
                // |x - x*| <= |g| / lambda_min = 1e-6 on the quadratic; f* = 0 on Rosenbrock
                assertTrue(ConvergenceTest.distance(q.x(), ConvergenceTest.X_STAR) <= 1e-6, c.name + " quadratic " + Arrays.toString(q.x()));
                assertTrue(r2.value() < 1e-11, c.name + " rosen2 " + r2);
                assertTrue(r100.value() < 1e-10, c.name + " rosen100 " + r100);
            }));
        }
        return tests.stream();
    }

    /** phi(t) = f(x + t d) of an objective along a direction, with its slope at each trial. */
    private static Ray ray(Objective f, double[] x, double[] d) {
        double[] g = new double[x.length];
        double fx = f.valueAndGrad(x, g);
        return new Ray(f, x.length).reset(x, fx, g, d);
    }

    private static double[] negGradient(Objective f, double[] x) {
        double[] g = new double[x.length];
        f.valueAndGrad(x, g);
        for (int i = 0; i < g.length; i++) {
            g[i] = -g[i];
        }
        return g;
    }

    /** Value and slope at step t along the ray, evaluated afresh. */
    private static double[] at(Objective f, double[] x, double[] d, double t) {
        double[] y = new double[x.length];
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] + t * d[i];
        }
        double v = f.valueAndGrad(y, g);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += g[i] * d[i];
        }
        return new double[] {v, s};
    }

    @Test
    void lineSearchesReturnStepsSatisfyingTheirConditions() {
        Objective[] fs = {ConvergenceTest::rosenbrock, ConvergenceTest::quadratic, ScipyProblems::zakharov};
        double[][] starts = {{-1.2, 1}, {0, 0, 0}, {-1, 0.5, 2, 0.3}};
        // initial steps too short, about right, and far too long
        double[] initial = {1e-4, 1, 1e3};
        for (int p = 0; p < fs.length; p++) {
            Objective f = fs[p];
            double[] x = starts[p];
            double[] d = negGradient(f, x);
            for (double t0 : initial) {
                String where = "problem " + p + " from t0 = " + t0;
                Ray r = ray(f, x, d);
                double f0 = r.value0();
                double s0 = r.slope0();

                double t = LineSearch.armijo().search(ray(f, x, d), t0);
                double[] v = at(f, x, d, t);
                assertTrue(t > 0 && v[0] <= f0 + 1e-4 * t * s0, "armijo " + where + ": t = " + t);

                t = LineSearch.strongWolfe().search(ray(f, x, d), t0);
                v = at(f, x, d, t);
                assertTrue(t > 0 && v[0] <= f0 + 1e-4 * t * s0 && Math.abs(v[1]) <= 0.9 * Math.abs(s0),
                        "strongWolfe " + where + ": t = " + t + ", phi = " + v[0] + ", phi' = " + v[1]);

                t = LineSearch.strongWolfe(1e-4, 0.1, 25).search(ray(f, x, d), t0);
                v = at(f, x, d, t);
                assertTrue(t > 0 && v[0] <= f0 + 1e-4 * t * s0 && Math.abs(v[1]) <= 0.1 * Math.abs(s0),
                        "strongWolfe(c2 = 0.1) " + where + ": t = " + t + ", phi' = " + v[1]);

                t = LineSearch.moreThuente().search(ray(f, x, d), t0);
                v = at(f, x, d, t);
                assertTrue(t > 0 && v[0] <= f0 + 1e-3 * t * s0 && Math.abs(v[1]) <= 0.9 * Math.abs(s0),
                        "moreThuente " + where + ": t = " + t + ", phi = " + v[0] + ", phi' = " + v[1]);

                t = LineSearch.hagerZhang().search(ray(f, x, d), t0);
                v = at(f, x, d, t);
                boolean wolfe = v[0] <= f0 + 0.1 * t * s0 && v[1] >= 0.9 * s0;
                boolean approximate = 0.9 * s0 <= v[1] && v[1] <= (2 * 0.1 - 1) * s0 && v[0] <= f0 + 1e-6 * Math.abs(f0);
                assertTrue(t > 0 && (wolfe || approximate), "hagerZhang " + where + ": t = " + t + ", phi = " + v[0] + ", phi' = " + v[1]);
            }
        }
    }

    /** The quadratic |x|^2 inside the unit ball and NaN outside it. */
    private static double ball(double[] x, double[] g) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * x[i];
            g[i] = 2 * x[i];
        }
        return s < 1 ? s : Double.NaN;
    }

    @Test
    void aNaNInsideALineSearchShrinksTheStep() {
        double[] x = {0.6, -0.7};
        double[] d = {-100, 100};
        for (LineSearch ls : new LineSearch[] {LineSearch.armijo(), LineSearch.strongWolfe(), LineSearch.moreThuente(), LineSearch.hagerZhang()}) {
            Ray r = ray(MethodsTest::ball, x, d);
            double t = ls.search(r, 1);
            double[] y = new double[2];
            double[] g = new double[2];
            double ft = r.accept(t, y, g);
            assertTrue(t > 0 && Double.isFinite(ft) && ft < r.value0(), ls + ": t = " + t + ", phi = " + ft);
        }
        for (Supplier<Method> m : List.<Supplier<Method>>of(Methods::lbfgs, Methods::lbfgsb, Methods::bfgs,
                () -> Methods.conjugateGradient(Methods.Cg.POLAK_RIBIERE_PLUS))) {
            Result res = Minimize.with(m.get()).steps(200).stopWhen(Stop.gradientNorm(1e-10)).run(MethodsTest::ball, new double[] {0.6, -0.7});
            assertEquals(Stop.Reason.GRADIENT_NORM, res.reason(), res.toString());
            assertTrue(Double.isFinite(res.value()) && res.value() < 1e-20, res.toString());
        }
    }

    @Test
    void aNonDescentDirectionIsRejected() {
        double[] x = {-1.2, 1};
        double[] uphill = negGradient(ConvergenceTest::rosenbrock, x);
        for (int i = 0; i < 2; i++) {
            uphill[i] = -uphill[i];
        }
        for (LineSearch ls : new LineSearch[] {LineSearch.armijo(), LineSearch.strongWolfe(), LineSearch.moreThuente(), LineSearch.hagerZhang()}) {
            Ray r = ray(ConvergenceTest::rosenbrock, x, uphill);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ls.search(r, 1));
            assertTrue(e.getMessage().contains("not a descent direction"), e.getMessage());
        }
        Ray r = ray(ConvergenceTest::rosenbrock, x, negGradient(ConvergenceTest::rosenbrock, x));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LineSearch.strongWolfe().search(r, -1));
        assertTrue(e.getMessage().contains("initial step"), e.getMessage());
    }

    @Test
    void aMethodStopsCleanlyWhenNoStepDecreasesTheObjective() {
        // a gradient that points the wrong way: every search along -g fails, and the run ends instead of looping
        Objective lying = (x, g) -> {
            double f = ConvergenceTest.rosenbrock(x, g);
            g[0] = -g[0];
            g[1] = -g[1];
            return f;
        };
        for (Supplier<Method> m : List.<Supplier<Method>>of(Methods::lbfgs, Methods::lbfgsb, Methods::bfgs,
                () -> Methods.conjugateGradient(Methods.Cg.FLETCHER_REEVES))) {
            Result r = Minimize.with(m.get()).steps(100).run(lying, new double[] {-1.2, 1});
            assertEquals(Stop.Reason.LINE_SEARCH_FAILED, r.reason(), r.toString());
            assertTrue(r.evaluations() < 200, r.toString());
        }
    }

    @Test
    void boundsAndStartsAreCheckedBeforeTheRun() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bounds.of(new double[] {0, 2}, new double[] {1, 1}));
        assertTrue(e.getMessage().contains("infeasible") && e.getMessage().contains("element 1"), e.getMessage());
        for (Supplier<Method> m : List.<Supplier<Method>>of(Methods::lbfgs, Methods::bfgs,
                () -> Methods.conjugateGradient(Methods.Cg.DAI_YUAN))) {
            e = assertThrows(IllegalArgumentException.class,
                    () -> Minimize.with(m.get()).bounds(Bounds.box(2, -2, 2)).run(ConvergenceTest::rosenbrock, new double[] {-1.2, 1}));
            assertTrue(e.getMessage().contains("bounds") && e.getMessage().contains("lbfgsb"), e.getMessage());
        }
        e = assertThrows(IllegalArgumentException.class,
                () -> Minimize.with(Methods.lbfgsb()).run(ConvergenceTest::rosenbrock, new double[] {Double.NaN, 1}));
        assertTrue(e.getMessage().contains("not finite") && e.getMessage().contains("element 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Minimize.with(Methods.lbfgsb()).bounds(Bounds.box(3, 0, 1)).run(ConvergenceTest::rosenbrock, new double[] {0.5, 0.5}));
        assertTrue(e.getMessage().contains("bounds for 3 elements"), e.getMessage());
        // a start outside the box is projected onto it, and the result says how many elements moved
        Result r = Minimize.with(Methods.lbfgsb()).bounds(Bounds.box(2, -1, 0.5)).stopWhen(Stop.projectedGradient(1e-9))
                .run(ConvergenceTest::rosenbrock, new double[] {-1.2, 1});
        assertEquals(2, r.startProjected());
        assertEquals(0.5, r.x()[0], 1e-9);
        assertEquals(0.25, r.x()[1], 1e-8);
    }

    @Test
    void invalidSettingsNameTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Methods.lbfgs(0, LineSearch.strongWolfe()));
        assertTrue(e.getMessage().contains("memory"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Methods.lbfgsb(10, -1, 1e-5, 20));
        assertTrue(e.getMessage().contains("factr"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LineSearch.strongWolfe(0.5, 0.1, 10));
        assertTrue(e.getMessage().contains("c1 < c2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Methods.conjugateGradient(Methods.Cg.FLETCHER_REEVES, LineSearch.armijo(), 0));
        assertTrue(e.getMessage().contains("restart"), e.getMessage());
    }
}
