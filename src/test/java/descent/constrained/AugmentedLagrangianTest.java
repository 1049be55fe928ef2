package descent.constrained;

import descent.optim.Minimize;
import descent.optim.Objective;
import descent.optim.Result;
import descent.optim.Stop;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hock–Schittkowski problems ({@link HockSchittkowski}) and an inequality-constrained problem with known multipliers. */
class AugmentedLagrangianTest {
    private static Result solve(Objective f, Objective[] eq, Objective[] ineq, double[] x0) {
        Result r = Minimize.with(ConstrainedMethods.augmentedLagrangian(eq, ineq)).steps(100).run(f, x0);
        assertEquals(Stop.Reason.STATIONARY, r.reason(), "after " + r.iterations() + " outer iterations");
        return r;
    }

    @Test
    void hs6() {
        HockSchittkowski p = HockSchittkowski.hs6();
        Result r = solve(p.objective, p.equalities, new Objective[0], p.start);
        assertArrayEquals(p.solution, r.x(), 1e-6);
        assertEquals(0, r.value(), 1e-12);
        assertTrue(p.violation(r.x()) <= 1e-8);
    }

    @Test
    void hs7() {
        HockSchittkowski p = HockSchittkowski.hs7();
        Result r = solve(p.objective, p.equalities, new Objective[0], p.start);
        assertArrayEquals(p.solution, r.x(), 1e-6);
        assertEquals(p.optimum, r.value(), 1e-8);
        assertTrue(p.violation(r.x()) <= 1e-8);
        // grad f + lambda grad c = 0 at (0, sqrt 3): -1 + lambda 2 sqrt 3 = 0.
        Multipliers m = r.state().find(Multipliers.class);
        assertEquals(1 / (2 * Math.sqrt(3)), m.equality()[0], 1e-7);
    }

    @Test
    void hs26() {
        HockSchittkowski p = HockSchittkowski.hs26();
        Result r = solve(p.objective, p.equalities, new Objective[0], p.start);
        // f* = 0 is degenerate (f is quartic in x2 - x3), so the solution is determined only to the fourth root of f.
        assertEquals(0, r.value(), 1e-10);
        double spread = Math.max(Math.abs(r.x()[0] - 1), Math.max(Math.abs(r.x()[1] - 1), Math.abs(r.x()[2] - 1)));
        assertTrue(spread <= 4 * Math.pow(r.value(), 0.25) + 1e-6, "|x - x*| = " + spread + " for f = " + r.value());
        assertTrue(spread <= 5e-3);
        assertTrue(p.violation(r.x()) <= 1e-8);
    }

    @Test
    void hs39() {
        HockSchittkowski p = HockSchittkowski.hs39();
        Result r = solve(p.objective, p.equalities, new Objective[0], p.start);
        assertArrayEquals(p.solution, r.x(), 1e-6);
        assertEquals(p.optimum, r.value(), 1e-8);
        assertTrue(p.violation(r.x()) <= 1e-8);
    }

    /** {@code min (x1 - 2)^2 + (x2 - 1)^2} s.t. {@code x1^2 - x2 <= 0}, {@code x1 + x2 <= 2}: both active at (1, 1), mu = (2/3, 2/3). */
    @Test
    void inequalityConstrainedProblemWithKnownMultipliers() {
        Objective f = (x, g) -> {
            g[0] = 2 * (x[0] - 2);
            g[1] = 2 * (x[1] - 1);
            return (x[0] - 2) * (x[0] - 2) + (x[1] - 1) * (x[1] - 1);
        };
        Objective d1 = (x, g) -> {
            g[0] = 2 * x[0];
            g[1] = -1;
            return x[0] * x[0] - x[1];
        };
        Objective d2 = (x, g) -> {
            g[0] = 1;
            g[1] = 1;
            return x[0] + x[1] - 2;
        };
        Objective inactive = (x, g) -> {
            g[0] = -1;
            g[1] = 0;
            return -x[0] - 5;
        };
        Result r = solve(f, new Objective[0], new Objective[] {d1, d2, inactive}, new double[] {0, 0});
        assertArrayEquals(new double[] {1, 1}, r.x(), 1e-7);
        Multipliers m = r.state().find(Multipliers.class);
        // The multipliers are as accurate as the Lagrangian's gradient (tolerance 1e-6) over the constraints' gradients.
        assertArrayEquals(new double[] {2.0 / 3, 2.0 / 3, 0}, m.inequality(), 1e-6);
        assertTrue(r.history().measure(r.history().size() - 1) <= 1e-9);
    }

    @Test
    void badInputGetsClearErrors() {
        Objective f = (x, g) -> {
            g[0] = 2 * x[0];
            return x[0] * x[0];
        };
        assertThrows(IllegalArgumentException.class, () -> ConstrainedMethods.augmentedLagrangian(new Objective[0], new Objective[0]));
        assertThrows(IllegalArgumentException.class, () -> ConstrainedMethods.augmentedLagrangian(new Objective[] {null}, new Objective[0]));
        Objective nan = (x, g) -> {
            g[0] = 1;
            return Math.sqrt(x[0] - 10);
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Minimize.with(ConstrainedMethods.augmentedLagrangian(new Objective[] {nan}, new Objective[0])).run(f, new double[] {1}));
        assertTrue(e.getMessage().contains("equality constraint 0 is NaN"), e.getMessage());
        Objective throwing = (x, g) -> {
            throw new ArithmeticException("constraint model failed");
        };
        ArithmeticException t = assertThrows(ArithmeticException.class,
                () -> Minimize.with(ConstrainedMethods.augmentedLagrangian(new Objective[0], new Objective[] {throwing})).run(f,
                        new double[] {1}));
        assertEquals("constraint model failed", t.getMessage());
    }
}
