package descent.pinn;

import descent.pinn.zoo.Equation;
import descent.pinn.zoo.Zoo;
import descent.tensor.Key;
import descent.tensor.Params;
import descent.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every zoo problem's exact solution satisfies its own residuals: solution, source terms and operators agree. */
class ZooTest {
    private static void assertSatisfied(Problem p, List<Tensor> residuals, double tol) {
        for (int i = 0; i < residuals.size(); i++) {
            double worst = residuals.get(i).abs().max().item();
            assertTrue(worst < tol, p.name() + ", term '" + p.terms().get(i).name() + "': residual " + worst);
        }
    }

    private static void assertSatisfied(Problem p) {
        assertSatisfied(p, p.exactResiduals(Key.of(1), 64), 1e-8);
    }

    @Test
    void manyBodyProblems() {
        for (Equation eq : Equation.values()) {
            assertSatisfied(Zoo.twoBody(eq, 10, Key.of(2)));
            assertSatisfied(Zoo.threeBody(eq, 10, Key.of(3)));
        }
        assertSatisfied(Zoo.twoBody(Equation.ALLEN_CAHN, 300, Key.of(4)));
    }

    @Test
    void classicLowDimensionalProblems() {
        assertSatisfied(Zoo.poisson1d());
        assertSatisfied(Zoo.poisson2d());
        assertSatisfied(Zoo.heat1d(0.3));
        assertSatisfied(Zoo.helmholtz2d(2));
        assertSatisfied(Zoo.allenCahn1d());
        assertSatisfied(Zoo.kdv());
        assertSatisfied(Zoo.biharmonic(4));
        Problem inverse = Zoo.inverseHeat(0.1);
        assertSatisfied(inverse, inverse.exactResiduals(Key.of(5), 64, Params.of("alpha", Tensor.scalar(0.1))), 1e-8);
    }

    @Test
    void aProblemSampledFromTheHammersleySetKeepsItsTermsAndDrawsTheSet() {
        Problem heat = Zoo.heat1d(0.3);
        SpaceTime set = ((SpaceTime) heat.domain()).hammersley();
        Problem p = heat.sampledFrom(set);
        assertSatisfied(p);
        assertEquals(heat.terms(), p.terms());
        assertEquals(set.sample(Key.of(1), 64), p.points(Problem.Points.INTERIOR, Key.of(2), 64));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> heat.sampledFrom(Domain.box(new double[] {0, 0, 0},
                new double[] {1, 1, 1}))).getMessage().contains("dimension 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> heat.sampledFrom(Domain.box(new double[] {0, 0},
                new double[] {1, 1}))).getMessage().contains("space-time"));
    }

    @Test
    void aWrongSourceTermIsCaught() {
        Problem wrong = Problem.builder("wrong", Domain.interval(-1, 1))
                .pde((u, x) -> u.partial(0, 0).add(x.reshape(x.shape().dim(0)).mul(Math.PI).sin()))
                .exact(x -> x.reshape(x.shape().dim(0)).mul(Math.PI).sin())
                .build();
        assertTrue(wrong.exactResiduals(Key.of(6), 16).get(0).abs().max().item() > 1);
    }
}
