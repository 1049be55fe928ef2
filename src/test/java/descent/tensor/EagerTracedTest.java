package descent.tensor;

import descent.ad.AD;
import descent.ad.Func;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Eager tensors and traced functions are one vocabulary: every primitive, and every composite
 * operation, gives bit-identical results both ways on edge values (signed zeros, infinities, NaN,
 * subnormals, huge and tiny numbers).
 */
class EagerTracedTest {
    private static final double[] EDGES = {0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
        Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 1e308, -1e308, 1e-300, 1, -1, 0.5, -2.5, 3, 710, -745};

    /** Edge values cycled over a shape, starting at {@code offset}. */
    private static Tensor edges(Shape s, int offset) {
        double[] d = new double[s.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = EDGES[(i + offset) % EDGES.length];
        }
        return Tensor.copyOf(d, s.dims());
    }

    private static void assertIdentical(Tensor eager, Tensor traced, String what) {
        assertEquals(eager.shape(), traced.shape(), what);
        double[] a = eager.toArray();
        double[] b = traced.toArray();
        for (int i = 0; i < a.length; i++) {
            if (!Double.valueOf(a[i]).equals(b[i])) {
                fail(what + ": element " + i + " is " + a[i] + " eagerly and " + b[i] + " traced");
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyPrimitiveOnEdgeValues() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Primitive p : Primitives.all()) {
            for (Sample s : p.samples()) {
                tests.add(DynamicTest.dynamicTest(s.toString(), () -> {
                    for (int offset = 0; offset < EDGES.length; offset += 5) {
                        Tensor[] x = new Tensor[s.shapes().length];
                        for (int i = 0; i < x.length; i++) {
                            x[i] = s.differentiable(i) ? edges(s.shapes()[i], offset + 7 * i) : s.fixed()[i];
                        }
                        Tensor eager = s.prim().evaluate(x);
                        Tensor traced = Func.of(x.length, v -> new Value[] {s.prim().applyAll(v)}).call(x);
                        assertIdentical(eager, traced, s + " at offset " + offset);
                    }
                }));
            }
        }
        return tests.stream();
    }

    private static final List<String> NAMES = List.of("logsumexp", "softmax", "relu", "silu", "clamp", "norm", "mean",
            "min", "max", "sqrt", "pow(0.5)", "square", "reciprocal", "isFinite", "outer", "sumTo");

    @SuppressWarnings("unchecked")
    private static <T extends Ops<T>> List<UnaryOperator<T>> composites() {
        return List.of(x -> x.logsumexp(1), x -> x.softmax(1), Ops::relu, Ops::silu, x -> x.clamp(-1, 1), Ops::norm,
                x -> x.mean(0), x -> x.min(1), x -> x.max(0), Ops::sqrt, x -> x.pow(0.5), Ops::square, x -> x.rdiv(1),
                Ops::isFinite, x -> x.flatten().outer(x.index(0, 0)), x -> x.sumTo(Shape.of(1, 3)));
    }

    @TestFactory
    Stream<DynamicTest> everyCompositeOnEdgeValues() {
        List<UnaryOperator<Tensor>> eager = composites();
        List<UnaryOperator<Value>> traced = composites();
        List<DynamicTest> tests = new ArrayList<>();
        for (int k = 0; k < eager.size(); k++) {
            int op = k;
            tests.add(DynamicTest.dynamicTest(NAMES.get(k), () -> {
                for (int offset = 0; offset < EDGES.length; offset += 3) {
                    Tensor x = edges(Shape.of(4, 3), offset);
                    Tensor e = eager.get(op).apply(x);
                    Tensor t = Func.of(v -> traced.get(op).apply(v)).call(x);
                    assertIdentical(e, t, NAMES.get(op) + " at offset " + offset);
                }
            }));
        }
        return tests.stream();
    }

    @Test
    void logsumexpAndSoftmaxOfMaskedAndInfiniteRows() {
        double inf = Double.POSITIVE_INFINITY;
        Tensor x = Tensor.of(new double[][] {{-inf, -inf, -inf}, {inf, 0, 1}, {0, Math.log(2), Math.log(3)}, {inf, inf, 0}});
        Tensor lse = x.logsumexp(1);
        assertEquals(Double.NEGATIVE_INFINITY, lse.get(0));
        assertEquals(inf, lse.get(1));
        assertEquals(Math.log(6), lse.get(2), 1e-15);
        Tensor sm = x.softmax(1);
        assertEquals(Tensor.of(0, 0, 0), sm.index(0, 0));
        assertEquals(Tensor.of(1, 0, 0), sm.index(0, 1));
        assertTrue(sm.index(0, 2).allClose(Tensor.of(1 / 6.0, 2 / 6.0, 3 / 6.0), 1e-15, 0));
        assertEquals(Tensor.of(0.5, 0.5, 0), sm.index(0, 3));
        assertIdentical(lse, Func.of(v -> v.logsumexp(1)).call(x), "logsumexp");
        assertIdentical(sm, Func.of(v -> v.softmax(1)).call(x), "softmax");
        Tensor finite = Tensor.of(new double[][] {{0.3, -1, 2}});
        Tensor g = AD.grad(Func.of(v -> v.logsumexp(1).sum())).call(finite);
        assertTrue(g.allClose(finite.softmax(1), 1e-15, 0), "d logsumexp = softmax: " + g);
    }

    @Test
    void powAndSqrtFollowIeeeAtSignedZeroAndMinusInfinity() {
        Tensor x = Tensor.of(-0.0, Double.NEGATIVE_INFINITY, 4);
        assertEquals(Tensor.of(0.0, Double.POSITIVE_INFINITY, 2), x.pow(0.5));
        assertEquals(Tensor.of(-0.0, Double.NaN, 2), x.sqrt());
        assertEquals(Arrays.toString(new double[] {Math.pow(-0.0, 0.5), Math.pow(Double.NEGATIVE_INFINITY, 0.5), 2}),
                Arrays.toString(x.pow(0.5).toArray()));
    }
}
