package descent.internal.plan;

import descent.ad.AD;
import descent.ad.Compiled;
import descent.ad.Func;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import descent.tensor.Value;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Plans read inputs given at index 0 of an array in place, never write them, and give the same
 * bits as when the inputs are copied in.
 */
class InputAliasingTest {
    static double[] random(int n, long seed) {
        Random r = new Random(seed);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = r.nextGaussian();
        }
        return d;
    }

    @Test
    void inputsReadInPlaceAreNeverOverwrittenAndGiveTheSameBitsAsCopiedInputs() {
        Func f = Func.of(2, a -> {
            Value x = a[0].exp().add(1).mul(a[1]);
            return new Value[] {x.tanh().sum(), x.reshape(6, 4).matmul(a[1].reshape(4, 6)).sin(), a[1]};
        });
        Func vg = AD.valueAndGrad(Func.of(2, a -> new Value[] {f.applyAll(a)[1].square().sum().add(f.applyAll(a)[0])}), 0, 1);
        for (Func g : new Func[] {f, vg}) {
            Compiled plan = g.compile(Shape.of(24), Shape.of(24));
            double[] x = random(24, 1);
            double[] y = random(30, 2);
            double[] x0 = x.clone();
            double[] y0 = y.clone();
            Tensor[] expected = plan.run(Tensor.copyOf(x, 24), Tensor.copyOf(Arrays.copyOf(y, 24), 24));
            double[][] out = new double[expected.length][];
            int[] offsets = new int[expected.length];
            for (int k = 0; k < out.length; k++) {
                out[k] = new double[expected[k].size() + 3];
                offsets[k] = 3;
            }
            for (int run = 0; run < 3; run++) {
                plan.runInto(new double[][] {x, y}, new int[] {0, 0}, out, offsets);
                assertArrayEquals(x0, x, 0, "input x was written");
                assertArrayEquals(y0, y, 0, "input y was written");
                for (int k = 0; k < out.length; k++) {
                    assertArrayEquals(expected[k].toArray(), Arrays.copyOfRange(out[k], 3, out[k].length), 0, "result " + k);
                }
                double[] shifted = new double[27];
                System.arraycopy(x, 0, shifted, 3, 24);
                plan.runInto(new double[][] {shifted, y}, new int[] {3, 0}, out, offsets);
                for (int k = 0; k < out.length; k++) {
                    assertArrayEquals(expected[k].toArray(), Arrays.copyOfRange(out[k], 3, out[k].length), 0, "result " + k);
                }
            }
        }
    }

    @Test
    void anInputReadInPlaceFollowsTheArrayOfEachRun() {
        Compiled plan = Func.of(x -> x.mul(2).sum()).compile(Shape.of(5));
        double[] out = new double[1];
        double[] a = {1, 2, 3, 4, 5};
        double[] b = {1, 1, 1, 1, 1, 99};
        plan.runInto(new double[][] {a}, new int[] {0}, new double[][] {out}, new int[] {0});
        assertEquals(30, out[0]);
        plan.runInto(new double[][] {b}, new int[] {0}, new double[][] {out}, new int[] {0});
        assertEquals(10, out[0]);
        a[0] = 11;
        plan.runInto(new double[][] {a}, new int[] {0}, new double[][] {out}, new int[] {0});
        assertEquals(50, out[0]);
    }
}
