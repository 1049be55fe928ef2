package descent.internal.plan;

import descent.ad.AD;
import descent.ad.Compiled;
import descent.ad.CustomOp;
import descent.ad.Func;
import descent.tensor.Primitive;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import descent.tensor.Value;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Results a run wants at index 0 of an array are computed in that array: the same bits as the
 * plan's own buffers give, nothing outside the result's elements written, no input overwritten,
 * and no caller's array kept after the run.
 */
class OutputInPlaceTest {
    private static final double SENTINEL = 7.25;

    private static double[] random(int n, long seed) {
        return InputAliasingTest.random(n, seed);
    }

    /**
     * A function whose results come from a chain of elementwise steps, a product (the gradient of
     * a matrix product), a reduction, an input passed through and one result computed twice.
     */
    private static Func[] functions() {
        Func f = Func.of(2, a -> {
            Value x = a[0].exp().add(1).mul(a[1]);
            Value s = x.tanh().sum();
            return new Value[] {s, x.reshape(6, 4).matmul(a[1].reshape(4, 6)).sin(), a[1], s};
        });
        Func loss = Func.of(2, a -> new Value[] {a[1].reshape(3, 8).matmul(a[0].reshape(8, 3)).tanh().square().sum()
                .add(a[0].mul(a[1]).sin().sum())});
        return new Func[] {f, AD.valueAndGrad(loss, 0, 1)};
    }

    @Test
    void resultsAtIndexZeroGiveTheSameBitsAndWriteNothingElse() {
        for (Func g : functions()) {
            Compiled plan = g.compile(Shape.of(24), Shape.of(24));
            double[] x = random(24, 1);
            double[] y = random(24, 2);
            double[] x0 = x.clone();
            double[] y0 = y.clone();
            Tensor[] expected = plan.run(Tensor.copyOf(x, 24), Tensor.copyOf(y, 24));
            int n = expected.length;
            for (int run = 0; run < 3; run++) {
                double[][] out = new double[n][];
                for (int k = 0; k < n; k++) {
                    out[k] = new double[expected[k].size() + 5];
                    Arrays.fill(out[k], SENTINEL);
                }
                plan.runInto(new double[][] {x, y}, new int[] {0, 0}, out, new int[n]);
                assertArrayEquals(x0, x, 0, "input x was written");
                assertArrayEquals(y0, y, 0, "input y was written");
                for (int k = 0; k < n; k++) {
                    int size = expected[k].size();
                    assertArrayEquals(expected[k].toArray(), Arrays.copyOf(out[k], size), 0, "result " + k);
                    for (int i = size; i < out[k].length; i++) {
                        assertEquals(SENTINEL, out[k][i], "result " + k + " wrote past its elements at " + i);
                    }
                }
                // all results packed in one array, as a gradient vector holds its parameters' blocks
                int total = Arrays.stream(expected).mapToInt(Tensor::size).sum();
                double[] flat = new double[total + 2];
                Arrays.fill(flat, SENTINEL);
                double[][] same = new double[n][];
                int[] at = new int[n];
                for (int k = 0, o = 0; k < n; o += expected[k].size(), k++) {
                    same[k] = flat;
                    at[k] = o;
                }
                plan.runInto(new double[][] {x, y}, new int[] {0, 0}, same, at);
                for (int k = 0; k < n; k++) {
                    assertArrayEquals(expected[k].toArray(), Arrays.copyOfRange(flat, at[k], at[k] + expected[k].size()), 0,
                            "packed result " + k);
                }
                assertEquals(SENTINEL, flat[total]);
                assertEquals(SENTINEL, flat[total + 1]);
            }
        }
    }

    @Test
    void aResultWantedInAnInputsArrayIsStillComputedFromTheIntactInput() {
        for (Func g : functions()) {
            Compiled plan = g.compile(Shape.of(24), Shape.of(24));
            double[] x = random(24, 3);
            double[] y = random(24, 4);
            Tensor[] expected = plan.run(Tensor.copyOf(x, 24), Tensor.copyOf(y, 24));
            int n = expected.length;
            double[][] out = new double[n][];
            for (int k = 0; k < n; k++) {
                out[k] = new double[expected[k].size()];
            }
            // the first result of x's size (the gradient with respect to x) written over x, the input it is computed from
            int k = 0;
            while (expected[k].size() != 24) {
                k++;
            }
            double[] xs = x.clone();
            out[k] = xs;
            plan.runInto(new double[][] {xs, y}, new int[] {0, 0}, out, new int[n]);
            for (int j = 0; j < n; j++) {
                assertArrayEquals(expected[j].toArray(), Arrays.copyOf(out[j], expected[j].size()), 0, "result " + j);
            }
        }
    }

    @Test
    void thePlanKeepsNoCallersArrayAfterARun() {
        Func g = functions()[1];
        Compiled plan = g.compile(Shape.of(24), Shape.of(24));
        double[] x = random(24, 5);
        double[] y = random(24, 6);
        Tensor[] expected = plan.run(Tensor.copyOf(x, 24), Tensor.copyOf(y, 24));
        int n = expected.length;
        double[][] first = new double[n][];
        double[][] second = new double[n][];
        int[] shifted = new int[n];
        for (int k = 0; k < n; k++) {
            first[k] = new double[expected[k].size()];
            second[k] = new double[expected[k].size() + 1];
            shifted[k] = 1;
        }
        plan.runInto(new double[][] {x, y}, new int[] {0, 0}, first, new int[n]);
        double[][] kept = new double[n][];
        for (int k = 0; k < n; k++) {
            kept[k] = first[k].clone();
        }
        // a run into the plan's own buffers (offset 1), with other inputs, and a profile, leave the first arrays alone
        long owned = plan.bufferElements();
        plan.runInto(new double[][] {random(24, 7), random(24, 8)}, new int[] {0, 0}, second, shifted);
        // the results' own buffers (at most 1 + 24 + 24 elements) are allocated only now, for results at offset 1
        long added = plan.bufferElements() - owned;
        assertTrue(added > 0 && added <= 49, "buffer elements added " + added);
        String profile = plan.profile(new Tensor[] {Tensor.copyOf(random(24, 9), 24), Tensor.copyOf(y, 24)}, 2);
        assertTrue(profile.contains("total"), profile);
        for (int k = 0; k < n; k++) {
            assertArrayEquals(kept[k], first[k], 0, "result " + k + " of the first run changed");
            assertArrayEquals(expected[k].toArray(), first[k], 0, "result " + k);
        }
        Tensor[] again = plan.run(Tensor.copyOf(random(24, 7), 24), Tensor.copyOf(random(24, 8), 24));
        for (int k = 0; k < n; k++) {
            assertArrayEquals(again[k].toArray(), Arrays.copyOfRange(second[k], 1, second[k].length), 0, "own-buffer result " + k);
        }
    }

    @Test
    void aCustomOpReadsOnlyItsElementsOfAnInputReadInPlace() {
        Primitive twice = CustomOp.named("twice").eval(v -> v[0].mul(2)).vjp((v, r, ct) -> new Value[] {ct.mul(2)}).build();
        Compiled plan = Func.of(2, a -> new Value[] {twice.apply(a[0]).mul(a[1]).sum()}).compile(Shape.of(3), Shape.of(3));
        double[] flat = {1, 2, 3, 100, 100, 100, 100};
        double[] out = new double[1];
        plan.runInto(new double[][] {flat, {1, 1, 1}}, new int[] {0, 0}, new double[][] {out}, new int[] {0});
        assertEquals(12, out[0]);
    }
}
