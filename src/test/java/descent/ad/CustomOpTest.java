package descent.ad;

import descent.Testing;
import descent.tensor.Primitive;
import descent.tensor.Value;
import descent.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** User-defined primitives with their own derivative rules. */
class CustomOpTest {
    private static final Primitive ROUND_STE = CustomOp.named("roundSte")
            .eval(x -> x[0].round())
            .vjp((x, y, ct) -> new Value[] {ct})
            .jvp((x, t, y) -> t[0])
            .build();

    /** sqrt computed by Newton's method on tensors; its gradient from the implicit function y^2 = x. */
    private static final Primitive NEWTON_SQRT = CustomOp.named("newtonSqrt")
            .eval(x -> {
                double[] v = x[0].toArray();
                for (int i = 0; i < v.length; i++) {
                    double a = v[i];
                    double y = Math.max(a, 1);
                    for (int k = 0; k < 60; k++) {
                        y = 0.5 * (y + a / y);
                    }
                    v[i] = y;
                }
                return Tensor.wrap(v, x[0].shape());
            })
            .vjp((x, y, ct) -> new Value[] {ct.div(y.mul(2))})
            .build();

    @Test
    void straightThroughEstimatorPassesGradientsThrough() {
        Func f = Func.of(x -> ROUND_STE.apply(x).mul(x).sum());
        Tensor x = Tensor.of(0.4, 1.6, -2.2);
        assertEquals(0 * 0.4 + 2 * 1.6 + -2 * -2.2, f.call(x).item(), 1e-15);
        // d/dx [round(x) x] with round' := 1 is x + round(x)
        Testing.assertClose(AD.grad(f).call(x), Tensor.of(0.4 + 0, 1.6 + 2, -2.2 - 2), 1e-15, "STE gradient");
        Testing.assertClose(AD.jvp(f).callAll(x, Tensor.of(1, 1, 1))[1], Tensor.scalar(0.4 + 3.6 - 4.2), 1e-14, "STE jvp");
    }

    @Test
    void implicitFunctionGradient() {
        Func f = Func.of(x -> NEWTON_SQRT.apply(x).mul(x).sum());
        Tensor x = Tensor.of(2.0, 9.0);
        Check.Report r = Check.gradient(f, x);
        assertTrue(r.passes(1e-8), r.toString());
        assertEquals(1.5 * Math.sqrt(9.0), AD.grad(f).call(x).get(1), 1e-12);
    }

    @Test
    void missingRulesAreNamed() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> AD.jvp(Func.of(x -> NEWTON_SQRT.apply(x).sum())).callAll(Tensor.of(4), Tensor.of(1)));
        assertTrue(e.getMessage().contains("newtonSqrt") && e.getMessage().contains("jvp"), e.getMessage());
        UnsupportedOperationException t = assertThrows(UnsupportedOperationException.class,
                () -> AD.jet(Func.of(x -> ROUND_STE.apply(x).sum()), 2).callAll(Tensor.of(1), Tensor.of(1), Tensor.of(0)));
        assertTrue(t.getMessage().contains("roundSte") && t.getMessage().contains("taylor"), t.getMessage());
    }

    @Test
    void firstOrderJetUsesTheJvpRule() {
        Tensor[] j = AD.jet(Func.of(x -> ROUND_STE.apply(x).sum()), 1).callAll(Tensor.of(1.2, 2.7), Tensor.of(3, 4));
        assertEquals(4, j[0].item(), 0);
        assertEquals(7, j[1].item(), 0);
    }

    @Test
    void evalShapeIsChecked() {
        Primitive bad = CustomOp.named("bad").eval(x -> Tensor.zeros(7)).build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Func.of(x -> bad.apply(x).sum()).call(Tensor.zeros(3)));
        assertTrue(e.getMessage().contains("bad") && e.getMessage().contains("[7]"), e.getMessage());
    }
}
