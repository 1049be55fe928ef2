package descent.pinn;

import descent.pinn.zoo.Equation;
import descent.pinn.zoo.ManyBody;
import descent.stde.Estimator;
import descent.tensor.Key;
import descent.tensor.Params;
import descent.tensor.Random;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import descent.tensor.Value;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceTermTest {
    private static Problem twoBody(int d, boolean sourced) {
        Tensor c = Random.normal(Key.of(1), Shape.of(d - 1));
        Problem.Builder b = Problem.builder("two-body", Domain.unitBall(d));
        if (sourced) {
            b.pde(x -> ManyBody.twoBodyLaplacian(x, x.constant(c)).add(Equation.ALLEN_CAHN.nonlinearity(ManyBody.twoBody(x, x.constant(c)))),
                    (u, x, g) -> u.laplacian().add(Equation.ALLEN_CAHN.nonlinearity(u.value())).sub(g));
        } else {
            b.pde((u, x) -> {
                Value g = ManyBody.twoBodyLaplacian(x, x.constant(c)).add(Equation.ALLEN_CAHN.nonlinearity(ManyBody.twoBody(x, x.constant(c))));
                return u.laplacian().add(Equation.ALLEN_CAHN.nonlinearity(u.value())).sub(g);
            });
        }
        return b.exact(x -> ManyBody.twoBody(x, x.constant(c))).build();
    }

    @Test
    void aSourceEvaluatedOutsideTheLossGivesTheSameLossAsTheSameTermInline() {
        for (Estimator m : new Estimator[] {Estimator.exact(), Estimator.sparse(3)}) {
            Pinn inline = Pinn.builder(twoBody(12, false), Mlp.builder(12).hidden(16, 2).build()).estimator(m).points(7).build();
            Pinn sourced = Pinn.builder(twoBody(12, true), Mlp.builder(12).hidden(16, 2).build()).estimator(m).points(7).build();
            Params<Tensor> params = inline.init(Key.of(4));
            Tensor[] a = inline.points(Key.of(5));
            Tensor[] b = sourced.points(Key.of(5));
            assertEquals(1, a.length);
            assertEquals(2, b.length);
            assertArrayEquals(a[0].toArray(), b[0].toArray(), 0);
            double[] la = inline.termLosses(params, a, Key.of(6));
            double[] lb = sourced.termLosses(params, b, Key.of(6));
            assertEquals(la[0], lb[0], 1e-12 * Math.abs(la[0]));
        }
    }

    @Test
    void theSourceOfTheExactSolutionMakesItsResidualVanish() {
        Tensor r = twoBody(30, true).exactResiduals(Key.of(2), 50).get(0);
        assertTrue(r.abs().max().item() < 1e-10, "max residual " + r.abs().max().item());
    }

    @Test
    void wideBatchesAreEvaluatedInBlocksOfRowsWithTheSameValues() {
        int d = SourceEvaluator.BLOCK_ELEMENTS / 3 + 1;
        Solution g = x -> x.sin().sum(1).add(x.square().mean(1));
        SourceEvaluator blocked = new SourceEvaluator(g, "pde");
        Tensor x = Random.uniform(Key.of(7), Shape.of(7, d));
        Tensor expected = descent.ad.Func.of(v -> g.apply(v)).call(x);
        assertArrayEquals(expected.toArray(), blocked.at(x).toArray(), 1e-12);
    }

    @Test
    void aSourceWithTheWrongShapeOrAResidualWithoutOneIsAClearError() {
        Problem wrong = Problem.builder("p", Domain.unitBall(3)).pde(x -> x, (u, x, g) -> u.value().sub(g)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pinn.builder(wrong, Mlp.builder(3).hidden(4, 1).build()).build().points(Key.of(0)));
        assertTrue(e.getMessage().contains("source of term 'pde'") && e.getMessage().contains("[100, 3]"), e.getMessage());
        Problem none = Problem.builder("q", Domain.unitBall(3)).pde((u, x) -> u.value().sub(u.source())).build();
        Pinn pinn = Pinn.builder(none, Mlp.builder(3).hidden(4, 1).build()).build();
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> pinn.termLosses(pinn.init(Key.of(0)), pinn.points(Key.of(0)), Key.of(1)));
        assertTrue(s.getMessage().contains("declared without a source"), s.getMessage());
    }
}
