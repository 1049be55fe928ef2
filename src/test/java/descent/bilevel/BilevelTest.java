package descent.bilevel;

import descent.ad.Func;
import descent.optim.Minimize;
import descent.optim.Optimizers;
import descent.optim.Result;
import descent.optim.Stop;
import descent.tensor.Tensor;
import descent.tensor.Value;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hypergradient methods and the inexact bilevel loop on ridge regression's regularization strength. */
class BilevelTest {
    private static final ImplicitTest.Ridge R = new ImplicitTest.Ridge(40, 30, 6, 7);

    /** The ridge problem with {@code lambda = exp(theta)}: outer validation loss, inner training loss. */
    private static Bilevel ridge() {
        Func inner = R.inner();
        Func outer = Func.of((Value w, Value theta) -> R.validation(w).add(theta.sum().mul(0)));
        Func innerLog = Func.of((Value w, Value theta) -> inner.apply(w, theta.exp()));
        return Bilevel.of(outer, innerLog, Tensor.zeros(R.p), 500);
    }

    /** d/dtheta of the validation loss at lambda = exp(theta): the closed form times lambda. */
    private static double closedForm(double theta) {
        return R.hypergradient(Math.exp(theta)) * Math.exp(theta);
    }

    private static double hypergradient(Bilevel b, Hypergradient h, double theta, double tolerance) {
        double[] g = new double[1];
        b.hypergradient(h, Tensor.of(theta), tolerance, g);
        return g[0];
    }

    @Test
    void implicitHypergradientsMatchTheClosedForm() {
        Bilevel b = ridge();
        double theta = Math.log(0.8);
        double expected = closedForm(theta);
        double[] eig = R.extremeEigenvalues(0.8);
        int terms = (int) Math.ceil(Math.log(1e-14) / Math.log(1 - eig[0] / eig[1]));
        for (Hypergradient h : new Hypergradient[] {Hypergradient.implicit(LinearSolver.cg(100, 1e-12)),
            Hypergradient.implicit(LinearSolver.neumann(1 / eig[1], terms))}) {
            assertEquals(expected, hypergradient(b, h, theta, 1e-10), 1e-8 * Math.max(1, Math.abs(expected)), h.name());
        }
        // a truncated Neumann series is biased by the terms it leaves out
        double few = hypergradient(b, Hypergradient.implicit(LinearSolver.neumann(1 / eig[1], 5)), theta, 1e-10);
        assertTrue(Math.abs(few - expected) > 1e-4 * Math.abs(expected), "5 terms: " + few + " vs " + expected);
    }

    @Test
    void unrolledDifferentiationApproachesTheImplicitHypergradientAsStepsGrow() {
        Bilevel b = ridge();
        double theta = Math.log(0.8);
        double expected = closedForm(theta);
        double eta = 1 / R.extremeEigenvalues(0.8)[1];
        double e20 = Math.abs(hypergradient(b, Hypergradient.unrolled(20, eta), theta, 1) - expected);
        double e100 = Math.abs(hypergradient(b, Hypergradient.unrolled(100, eta), theta, 1) - expected);
        double e1000 = Math.abs(hypergradient(b, Hypergradient.unrolled(1000, eta), theta, 1) - expected);
        assertTrue(e20 > e100 && e100 > e1000, e20 + " " + e100 + " " + e1000);
        assertTrue(e1000 < 1e-6 * Math.max(1, Math.abs(expected)), "1000 unrolled steps: error " + e1000);
    }

    @Test
    void f2saIsWithinOrderOneOverNuOfTheHypergradient() {
        Bilevel b = ridge();
        double theta = Math.log(0.8);
        double expected = closedForm(theta);
        double e10 = Math.abs(hypergradient(b, Hypergradient.f2sa(10), theta, 1e-11) - expected);
        double e100 = Math.abs(hypergradient(b, Hypergradient.f2sa(100), theta, 1e-11) - expected);
        double e1000 = Math.abs(hypergradient(b, Hypergradient.f2sa(1000), theta, 1e-11) - expected);
        assertTrue(e1000 < 1e-2 * Math.abs(expected), "nu = 1000: error " + e1000 + " of " + expected);
        assertEquals(10, e10 / e100, 3, "error ratio nu = 10 vs 100");
        assertEquals(10, e100 / e1000, 3, "error ratio nu = 100 vs 1000");
    }

    @Test
    void theInexactBilevelLoopFindsTheBestRegularizationWithTighteningTolerances() {
        // the optimal theta: a root of the closed-form hypergradient, by bisection
        double lo = Math.log(1e-3);
        double hi = Math.log(1e3);
        assertTrue(closedForm(lo) < 0 && closedForm(hi) > 0, "the validation loss has an interior minimum in lambda");
        for (int k = 0; k < 200; k++) {
            double mid = 0.5 * (lo + hi);
            if (closedForm(mid) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double best = 0.5 * (lo + hi);
        Bilevel.Outer outer = ridge().objective(Hypergradient.implicit(LinearSolver.cg(100, 1e-12)), 1e-3, 0.1, 1e-11);
        // gradient descent on theta from theta = -1.5, with the step 1 / (curvature there) from finite differences of the closed form
        double start = -1.5;
        double curvature = (closedForm(start + 1e-4) - closedForm(start - 1e-4)) / 2e-4;
        Result r = Minimize.with(Optimizers.sgd(1 / curvature)).steps(2000).stopWhen(Stop.gradientNorm(1e-10))
                .run(outer, new double[] {start});
        assertEquals(Stop.Reason.GRADIENT_NORM, r.reason());
        assertEquals(best, r.x()[0], 1e-6);
        assertEquals(0, closedForm(r.x()[0]), 1e-9);
        double[] tol = outer.tolerances();
        assertEquals(1e-3, tol[0]);
        for (int k = 1; k < tol.length; k++) {
            assertTrue(tol[k] <= tol[k - 1], "tolerances never loosen");
        }
        assertTrue(tol[tol.length - 1] < 1e-8, "and tighten as the hypergradient vanishes: " + tol[tol.length - 1]);
    }

    @Test
    void dataPassedAsArgumentsGiveTheSameHypergradients() {
        int p = R.p;
        int n = R.y.length;
        int nv = R.yv.length;
        Func inner = Func.of(4, xs -> new Value[] {xs[0].reshape(1, p).matmul(xs[2].transpose()).reshape(n).sub(xs[3]).square().sum()
                .mul(0.5).add(xs[0].square().sum().mul(xs[1].exp().sum()).mul(0.5))});
        Func outer = Func.of(6, xs -> new Value[] {xs[0].reshape(1, p).matmul(xs[4].transpose()).reshape(nv).sub(xs[5]).square().sum()
                .mul(0.5).add(xs[1].sum().mul(0))});
        Func innerWithData = Func.of(6, xs -> new Value[] {inner.apply(xs[0], xs[1], xs[2], xs[3]).add(xs[4].sum().mul(0))
                .add(xs[5].sum().mul(0))});
        Bilevel b = Bilevel.of(outer, innerWithData, Tensor.zeros(p), 500, Tensor.of(R.x), Tensor.of(R.y), Tensor.of(R.xv), Tensor.of(R.yv));
        double theta = Math.log(0.8);
        double expected = closedForm(theta);
        double eta = 1 / R.extremeEigenvalues(0.8)[1];
        assertEquals(expected, hypergradient(b, Hypergradient.implicit(LinearSolver.cg(100, 1e-12)), theta, 1e-10), 1e-8);
        assertEquals(expected, hypergradient(b, Hypergradient.unrolled(1000, eta), theta, 1), 1e-6);
        assertEquals(hypergradient(ridge(), Hypergradient.f2sa(100), theta, 1e-11), hypergradient(b, Hypergradient.f2sa(100), theta, 1e-11),
                1e-8);
        IllegalArgumentException arity = assertThrows(IllegalArgumentException.class,
                () -> Bilevel.of(outer, innerWithData, Tensor.zeros(p), 500, Tensor.of(R.x)));
        assertTrue(arity.getMessage().contains("3 tensors"), arity.getMessage());
    }

    @Test
    void anInnerSolveThatFailsIsReportedNotReturned() {
        Func inner = R.inner();
        Bilevel b = Bilevel.of(Func.of((Value w, Value lam) -> R.validation(w).add(lam.sum().mul(0))), inner, Tensor.zeros(R.p), 1);
        ConvergenceException e = assertThrows(ConvergenceException.class,
                () -> b.hypergradient(Hypergradient.implicit(LinearSolver.cg(100, 1e-12)), Tensor.of(0.5), 1e-12, new double[1]));
        assertTrue(e.getMessage().contains("inner problem did not converge"), e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Hypergradient.unrolled(10, -0.1));
        assertTrue(bad.getMessage().contains("eta"), bad.getMessage());
        IllegalArgumentException nu = assertThrows(IllegalArgumentException.class, () -> Hypergradient.f2sa(0));
        assertTrue(nu.getMessage().contains("nu"), nu.getMessage());
        IllegalArgumentException kappa = assertThrows(IllegalArgumentException.class,
                () -> b.objective(Hypergradient.f2sa(10), 1e-3, -1, 1e-9));
        assertTrue(kappa.getMessage().contains("kappa"), kappa.getMessage());
    }
}
