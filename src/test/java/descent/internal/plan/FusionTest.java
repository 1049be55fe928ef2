package descent.internal.plan;

import descent.ad.AD;
import descent.ad.Compiled;
import descent.ad.Func;
import descent.tensor.Ops;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import descent.tensor.Value;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Plans run consecutive elementwise steps as chains, block by block; the results are the bits of
 * the same steps run one after another, whatever the buffers the steps share or overwrite.
 */
class FusionTest {
    private static final Shape[][] SHAPES = {
        {Shape.of(37, 1031), Shape.of(1031), Shape.of(37, 1), Shape.SCALAR},
        {Shape.of(3, 5), Shape.of(5), Shape.of(3, 1), Shape.SCALAR},
    };

    /**
     * A random program of elementwise steps over a matrix, a row, a column and a scalar; each step
     * reads earlier values (so results are read once, many times or never), values stay in [-1, 1].
     */
    static <T extends Ops<T>> T program(long seed, List<T> in) {
        Random r = new Random(seed);
        List<T> v = new ArrayList<>(in);
        for (int s = 0; s < 14; s++) {
            T a = v.get(r.nextInt(v.size()));
            T b = v.get(r.nextInt(v.size()));
            switch (r.nextInt(9)) {
                case 0: v.add(a.add(b).mul(0.5)); break;
                case 1: v.add(a.mul(b)); break;
                case 2: v.add(a.sub(b).mul(0.5)); break;
                case 3: v.add(a.tanh()); break;
                case 4: v.add(a.sin()); break;
                case 5: v.add(a.sigmoid()); break;
                case 6: v.add(a.gt(b).where(a, b)); break;
                case 7: v.add(a.mul(b).rsub(1).mul(0.5)); break;
                default: v.add(a.neg()); break;
            }
        }
        T out = v.get(v.size() - 1).add(in.get(0));
        for (int i = in.size(); i < v.size() - 1; i += 3) {
            out = out.add(v.get(i));
        }
        return out;
    }

    private static Tensor[] inputs(Shape[] shapes, long seed) {
        Random r = new Random(seed);
        Tensor[] t = new Tensor[shapes.length];
        for (int i = 0; i < t.length; i++) {
            double[] d = new double[shapes[i].size()];
            for (int k = 0; k < d.length; k++) {
                d[k] = r.nextDouble() * 2 - 1;
            }
            t[i] = Tensor.copyOf(d, shapes[i].dims());
        }
        return t;
    }

    private static void assertSameBits(Tensor expected, Tensor actual, String what) {
        assertEquals(expected.shape(), actual.shape(), what);
        double[] a = expected.toArray();
        double[] b = actual.toArray();
        for (int i = 0; i < a.length; i++) {
            if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(b[i])) {
                fail(what + ": element " + i + " is " + a[i] + " step by step and " + b[i] + " in the plan");
            }
        }
    }

    @Test
    void chainsGiveTheBitsOfStepByStepEvaluation() {
        for (Shape[] shapes : SHAPES) {
            for (long seed = 0; seed < 25; seed++) {
                long program = seed;
                Tensor[] x = inputs(shapes, 1000 + seed);
                Func f = Func.of(4, a -> new Value[] {program(program, Arrays.asList(a))});
                Compiled plan = f.compile(shapes);
                Tensor eager = program(program, Arrays.asList(x));
                assertSameBits(eager, plan.run(x)[0], "program " + seed + " on " + shapes[0]);

                Func grad = AD.grad(Func.of(4, a -> new Value[] {program(program, Arrays.asList(a)).sum()}), 0, 1, 2, 3);
                Compiled fused = grad.compile(shapes);
                Compiled stepwise;
                try (AD.NanCheck check = AD.debugNaNs()) {
                    stepwise = grad.compile(shapes);
                }
                assertTrue(fused.steps() < stepwise.steps(), "gradient of program " + seed + ": " + fused.steps()
                        + " steps fused, " + stepwise.steps() + " one by one");
                Tensor[] g = fused.run(x);
                Tensor[] h = stepwise.run(x);
                for (int i = 0; i < g.length; i++) {
                    assertSameBits(h[i], g[i], "gradient " + i + " of program " + seed + " on " + shapes[0]);
                }
            }
        }
    }

    @Test
    void aLayersElementwiseWorkIsOneChain() {
        // Forward bias add, tanh and square, and their derivatives, between the products and the bias gradient's sum.
        Func layer = Func.of(3, a -> new Value[] {a[0].matmul(a[1]).add(a[2]).tanh().square().sum()});
        Shape[] shapes = {Shape.of(64, 40), Shape.of(40, 48), Shape.of(48)};
        Compiled grad = AD.grad(layer, 1, 2).compile(shapes);
        String profile = grad.profile(inputs(shapes, 3), 1);
        assertEquals(4, grad.steps(), profile);
        assertTrue(profile.contains("add+tanh+"), profile);
    }
}
