package descent.ad;

import descent.tensor.Primitive;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import descent.tensor.Value;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Defects found by probing the core as users would; each of these failed before its fix. */
class EdgeCasesTest {
    @Test
    void powGradientsAtAZeroBaseAreFinite() {
        Func f = Func.of((a, b) -> a.pow(b).sum());
        Tensor a = Tensor.of(0, 2, 0);
        Tensor b = Tensor.of(2, 3, 0);
        Tensor[] g = AD.grad(f, 0, 1).callAll(a, b);
        // d/db a^b = a^b log a, 0 at a = 0 (PyTorch and JAX agree); d/da a^b = b a^(b-1), 0 at b = 0
        assertEquals(Tensor.of(0, 8 * Math.log(2), 0), g[1]);
        assertEquals(Tensor.of(0, 12, 0), g[0]);
    }

    @Test
    void jetsOfPowersAtZeroAreExact() {
        Func tenth = Func.of(x -> x.pow(10).sum());
        Jet j = AD.jet(tenth, Tensor.of(0, 1), Tensor.of(1, 1), Tensor.of(0, 0));
        assertEquals(90, j.derivative(2).item(), 0);
        Jet high = AD.jet(Func.of(x -> x.pow(12).sum()), Tensor.of(0.0), Tensor.of(1.0), Tensor.of(0.0), Tensor.of(0.0));
        assertEquals(0, high.derivative(3).item(), 0);
        // x^2.5 along 1 at 0: first and second derivatives are 0 (2.5 x^1.5, 3.75 x^0.5)
        Jet frac = AD.jet(Func.of(x -> x.pow(2.5).sum()), Tensor.of(0.0, 4.0), Tensor.of(1.0, 1.0), Tensor.of(0.0, 0.0));
        assertEquals(2.5 * Math.pow(4, 1.5), frac.derivative(1).item(), 1e-12);
        assertEquals(3.75 * 2, frac.derivative(2).item(), 1e-12);
        // a Laplacian through a power at 0 has a finite gradient: d/dx of sum(d^2/dt^2 (x + t)^4) = 24 x
        Func lap = Func.of(x -> AD.jet(Func.of(y -> y.pow(4).sum()), 2).applyAll(x, x.constant(Tensor.of(1.0, 1.0)),
                x.zerosOf(x.shape()))[2]);
        assertEquals(Tensor.of(0, 24), AD.grad(lap).call(Tensor.of(0.0, 1.0)));
        Func lapFrac = Func.of(x -> AD.jet(Func.of(y -> y.pow(3.5).sum()), 2).applyAll(x, x.constant(Tensor.of(1.0, 1.0)),
                x.zerosOf(x.shape()))[2]);
        Tensor g = AD.grad(lapFrac).call(Tensor.of(0.0, 1.0));
        assertEquals(0, g.get(0), 0);
        assertEquals(3.5 * 2.5 * 1.5, g.get(1), 1e-12);
    }

    @Test
    void hugeAndNegativeSizesFailBeforeAllocating() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.eye(70000));
        assertTrue(e.getMessage().contains("more than 2^31 elements"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.arange(-1));
        assertTrue(e.getMessage().contains("arange: length must be non-negative, got -1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3, -2));
        assertTrue(e.getMessage().contains("negative dimension"), e.getMessage());
    }

    @Test
    void jacobiansAndHessiansOfEmptyInputsAreEmpty() {
        assertEquals(Shape.of(0, 0), AD.hessian(Func.of(x -> x.square().sum())).call(Tensor.zeros(0)).shape());
        assertEquals(Shape.of(0, 0), AD.jacobian(Func.of(x -> x.sin())).call(Tensor.zeros(0)).shape());
        assertEquals(Shape.of(3, 0), AD.jacfwd(Func.of(x -> x.sum().broadcastTo(3))).call(Tensor.zeros(0)).shape());
    }

    @Test
    void customOpMistakesNameTheOp() {
        Primitive wrongVjp = CustomOp.named("wrongVjp")
                .eval(x -> x[0].sum())
                .shape(in -> Shape.SCALAR)
                .vjp((x, y, ct) -> new Value[] {ct})
                .build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AD.grad(Func.of(x -> wrongVjp.apply(x))).call(Tensor.of(1, 2, 3)));
        assertTrue(e.getMessage().contains("custom op 'wrongVjp'") && e.getMessage().contains("shape [3]"), e.getMessage());
        Primitive nullShape = CustomOp.named("nullShape").eval(x -> x[0]).shape(in -> null).build();
        e = assertThrows(IllegalStateException.class, () -> Func.of(x -> nullShape.apply(x)).call(Tensor.of(1)));
        assertTrue(e.getMessage().contains("custom op 'nullShape'") && e.getMessage().contains("returned null"), e.getMessage());
    }
}
