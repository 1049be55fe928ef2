package descent.tensor;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Prepared kernels against naive multi-index reference implementations written here. */
class KernelsTest {
    private final Random rng = new Random(17);

    private double[] random(Shape s) {
        double[] d = new double[s.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextDouble() * 4 - 2;
        }
        return d;
    }

    private static int[] unravel(int flat, int[] dims) {
        int[] idx = new int[dims.length];
        for (int a = dims.length - 1; a >= 0; a--) {
            idx[a] = dims[a] == 0 ? 0 : flat % dims[a];
            flat = dims[a] == 0 ? 0 : flat / dims[a];
        }
        return idx;
    }

    /** Flat index into an operand of shape s of the output multi-index, under broadcasting. */
    private static int broadcastIndex(int[] outIdx, Shape s) {
        int off = outIdx.length - s.rank();
        int flat = 0;
        for (int a = 0; a < s.rank(); a++) {
            int i = s.dim(a) == 1 ? 0 : outIdx[a + off];
            flat = flat * s.dim(a) + i;
        }
        return flat;
    }

    @Test
    void binaryBroadcastingMatchesReference() {
        int[][][] pairs = {
            {{2, 3}, {2, 3}}, {{2, 3}, {3}}, {{3}, {2, 3}}, {{2, 3}, {}}, {{}, {2, 3}}, {{4, 1}, {1, 5}},
            {{2, 1, 3}, {4, 1}}, {{2, 3, 4}, {3, 1}}, {{1}, {3, 2}}, {{0, 3}, {3}}, {{5, 4097}, {1}}, {{3, 1, 5000}, {2, 1}}};
        for (int[][] p : pairs) {
            Shape a = Shape.of(p[0]);
            Shape b = Shape.of(p[1]);
            Shape out = Shape.broadcast("test", a, b);
            double[] x = random(a);
            double[] y = random(b);
            for (BinaryOp op : BinaryOp.values()) {
                double[] o = new double[out.size()];
                Elementwise.binary(op, a, b).run(new double[][] {x, y}, o);
                for (int i = 0; i < o.length; i++) {
                    int[] idx = unravel(i, out.dims());
                    double expected = op.apply(x[broadcastIndex(idx, a)], y[broadcastIndex(idx, b)]);
                    assertEquals(expected, o[i], 0, op + " " + a + " " + b + " at " + Arrays.toString(idx));
                }
            }
        }
    }

    @Test
    void binaryKernelsMayOverwriteAFullShapeOperand() {
        Shape a = Shape.of(3, 4);
        Shape b = Shape.of(4);
        double[] x = random(a);
        double[] y = random(b);
        double[] expected = new double[12];
        Elementwise.binary(BinaryOp.SUB, a, b).run(new double[][] {x, y}, expected);
        double[] inPlace = x.clone();
        Elementwise.binary(BinaryOp.SUB, a, b).run(new double[][] {inPlace, y}, inPlace);
        assertArrayEquals(expected, inPlace, 0);
    }

    @Test
    void whereBroadcastsAllThreeOperands() {
        Shape c = Shape.of(2, 1);
        Shape a = Shape.of(3);
        Shape b = Shape.SCALAR;
        double[] o = new double[6];
        Elementwise.where(c, a, b).run(new double[][] {{1, 0}, {1, 2, 3}, {-9}}, o);
        assertArrayEquals(new double[] {1, 2, 3, -9, -9, -9}, o, 0);
    }

    @Test
    void aRepeatedOperandRunsAlongTheWholeLengthEvenWhenItIsPrime() {
        int n = 9_999_991;
        Broadcast plan = new Broadcast(Shape.of(n), Shape.of(n), Shape.SCALAR);
        assertEquals(1, plan.runs);
        assertEquals(n, plan.run);
        assertTrue(plan.unit[0] && !plan.unit[1]);
        Broadcast rows = new Broadcast(Shape.of(7, 4099), Shape.of(7, 1), Shape.of(7, 4099));
        assertEquals(7, rows.runs);
        assertEquals(4099, rows.run);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * 0.5 - 7;
        }
        double[] o = new double[n];
        Elementwise.binary(BinaryOp.MUL, Shape.of(n), Shape.SCALAR).run(new double[][] {x, {2}}, o);
        for (int i = 0; i < n; i++) {
            assertEquals(x[i] * 2, o[i], 0, "at " + i);
        }
        Elementwise.binary(BinaryOp.SUB, Shape.SCALAR, Shape.of(n)).run(new double[][] {{1}, x}, o);
        assertEquals(1 - x[n - 1], o[n - 1], 0);
    }

    @Test
    void largeElementwiseKernelsSplitAcrossRunsExactly() {
        // Output sizes above the split threshold, with run boundaries that fall inside the split's chunks.
        int[][][] pairs = {{{3, 100_003}, {100_003}}, {{100_003, 3}, {3}}, {{300_007}, {}}, {{2, 150_001}, {2, 1}},
            {{300_007}, {300_007}}};
        for (int[][] p : pairs) {
            Shape a = Shape.of(p[0]);
            Shape b = Shape.of(p[1]);
            Shape out = Shape.broadcast("test", a, b);
            double[] x = random(a);
            double[] y = random(b);
            for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.DIV, BinaryOp.LT}) {
                double[] o = new double[out.size()];
                Elementwise.binary(op, a, b).run(new double[][] {x, y}, o);
                for (int i = 0; i < o.length; i += 7) {
                    int[] idx = unravel(i, out.dims());
                    double expected = op.apply(x[broadcastIndex(idx, a)], y[broadcastIndex(idx, b)]);
                    assertEquals(expected, o[i], 0, op + " " + a + " " + b + " at " + i);
                }
            }
            Shape c = Shape.of(p[1]);
            double[] cond = random(c);
            for (int i = 0; i < cond.length; i++) {
                cond[i] = i % 3 == 0 ? 0 : i % 3 == 1 ? -0.0 : cond[i];
            }
            double[] o = new double[out.size()];
            Elementwise.where(c, a, b).run(new double[][] {cond, x, y}, o);
            for (int i = 0; i < o.length; i += 5) {
                int[] idx = unravel(i, out.dims());
                double expected = cond[broadcastIndex(idx, c)] != 0 ? x[broadcastIndex(idx, a)] : y[broadcastIndex(idx, b)];
                assertEquals(expected, o[i], 0, "where " + c + " " + a + " " + b + " at " + i);
            }
        }
    }

    @Test
    void whereTreatsNanConditionsAsTrueAndKeepsSignedZeros() {
        double[] o = new double[4];
        Elementwise.where(Shape.of(4), Shape.of(4), Shape.SCALAR)
                .run(new double[][] {{Double.NaN, 0, -0.0, 2}, {-0.0, 1, 2, 3}, {0.0}}, o);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(o[0]));
        assertArrayEquals(new double[] {-0.0, 0, 0, 3}, o, 0);
    }

    @Test
    void largeSumsAreTheOneThreadPairwiseSumBitForBit() {
        int n = 1_234_567;
        Shape s = Shape.of(n);
        double[] x = new double[n];
        Random r = new Random(3);
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian() * Math.exp(r.nextGaussian() * 5);
        }
        double[] o = new double[1];
        Reduce.sum(s, new int[] {0}).run(new double[][] {x}, o);
        assertEquals(Double.doubleToRawLongBits(Reduce.sumRun(x, 0, n)), Double.doubleToRawLongBits(o[0]));
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        Reduce.max(s, new int[] {0}).run(new double[][] {x}, o);
        assertEquals(max, o[0], 0);
        x[n - 3] = Double.NaN;
        Reduce.max(s, new int[] {0}).run(new double[][] {x}, o);
        assertTrue(Double.isNaN(o[0]));

        Shape m = Shape.of(300, 5001);
        double[] y = random(m);
        double[] rows = new double[300];
        Reduce.sum(m, new int[] {1}).run(new double[][] {y}, rows);
        double[] cols = new double[5001];
        Reduce.sum(m, new int[] {0}).run(new double[][] {y}, cols);
        for (int i = 0; i < 300; i++) {
            assertEquals(Double.doubleToRawLongBits(Reduce.sumRun(y, i * 5001, 5001)), Double.doubleToRawLongBits(rows[i]));
        }
        for (int j = 0; j < 5001; j++) {
            double c = 0;
            for (int i = 0; i < 300; i++) {
                c += y[i * 5001 + j];
            }
            assertEquals(Double.doubleToRawLongBits(c), Double.doubleToRawLongBits(cols[j]), "column " + j);
        }
    }

    private static List<int[]> subsets(int rank) {
        List<int[]> out = new ArrayList<>();
        for (int m = 0; m < (1 << rank); m++) {
            int[] s = new int[Integer.bitCount(m)];
            int k = 0;
            for (int a = 0; a < rank; a++) {
                if ((m & (1 << a)) != 0) {
                    s[k++] = a;
                }
            }
            out.add(s);
        }
        return out;
    }

    @Test
    void reductionsOverEveryAxisSubsetMatchReference() {
        int[][] shapes = {{5}, {3, 4}, {2, 1, 3}, {2, 3, 2, 2}, {1, 4, 1}, {3, 200}};
        for (int[] dims : shapes) {
            Shape s = Shape.of(dims);
            double[] x = random(s);
            for (int[] axes : subsets(dims.length)) {
                Shape out = Reduce.reducedShape(s, axes);
                double[] sum = new double[out.size()];
                double[] max = new double[out.size()];
                Reduce.sum(s, axes).run(new double[][] {x}, sum);
                Reduce.max(s, axes).run(new double[][] {x}, max);
                double[] refSum = new double[out.size()];
                double[] refMax = new double[out.size()];
                Arrays.fill(refMax, Double.NEGATIVE_INFINITY);
                for (int i = 0; i < x.length; i++) {
                    int[] idx = unravel(i, dims);
                    int o = 0;
                    for (int a = 0, k = 0; a < dims.length; a++) {
                        if (k < axes.length && axes[k] == a) {
                            k++;
                        } else {
                            o = o * dims[a] + idx[a];
                        }
                    }
                    refSum[o] += x[i];
                    refMax[o] = Math.max(refMax[o], x[i]);
                }
                for (int i = 0; i < out.size(); i++) {
                    assertEquals(refSum[i], sum[i], 1e-13, "sum " + s + " axes " + Arrays.toString(axes));
                    assertEquals(refMax[i], max[i], 0, "max " + s + " axes " + Arrays.toString(axes));
                }
            }
        }
    }

    @Test
    void sumsOfEmptyTensorsAreZeros() {
        int[][] shapes = {{0}, {3, 0}, {0, 4}, {2, 0, 3}, {0, 1, 5000}};
        for (int[] dims : shapes) {
            Shape s = Shape.of(dims);
            for (int[] axes : subsets(dims.length)) {
                Shape out = Reduce.reducedShape(s, axes);
                double[] o = new double[out.size()];
                Arrays.fill(o, Double.NaN);
                Reduce.sum(s, axes).run(new double[][] {new double[0]}, o);
                for (double v : o) {
                    assertEquals(0, v, 0, "sum " + s + " axes " + Arrays.toString(axes));
                }
            }
        }
        double[] none = new double[0];
        Reduce.max(Shape.of(0, 3), new int[] {1}).run(new double[][] {new double[0]}, none);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Reduce.max(Shape.of(3, 0), new int[] {1}));
        assertTrue(e.getMessage().contains("empty axis 1"), e.getMessage());
    }

    @Test
    void longSumsArePairwiseAccurate() {
        int n = 1_000_000;
        double[] x = new double[n];
        Arrays.fill(x, 0.1);
        double[] o = new double[1];
        Reduce.sum(Shape.of(n), new int[] {0}).run(new double[][] {x}, o);
        double naive = 0;
        for (double v : x) {
            naive += v;
        }
        double exact = 100000.00000000001;
        assertTrue(Math.abs(o[0] - exact) < 1e-9, "pairwise sum " + o[0]);
        assertTrue(Math.abs(o[0] - exact) < Math.abs(naive - exact) / 100, "pairwise " + o[0] + " vs naive " + naive);
    }

    @Test
    void permutationsOfRankThree() {
        Shape s = Shape.of(2, 3, 4);
        double[] x = random(s);
        int[][] perms = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        for (int[] p : perms) {
            Shape out = Layout.permuteShape(s, p);
            double[] o = new double[24];
            Layout.permute(s, p).run(new double[][] {x}, o);
            for (int i = 0; i < 24; i++) {
                int[] oi = unravel(i, out.dims());
                int[] ii = new int[3];
                for (int a = 0; a < 3; a++) {
                    ii[p[a]] = oi[a];
                }
                assertEquals(x[(ii[0] * 3 + ii[1]) * 4 + ii[2]], o[i], 0, Arrays.toString(p));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Layout.permuteShape(s, new int[] {0, 0, 1}));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void sliceAndUnsliceAreAdjoint() {
        Shape full = Shape.of(7, 5);
        int[] lo = {1, 0};
        int[] hi = {7, 5};
        int[] step = {3, 2};
        Shape part = Layout.sliceShape(full, lo, hi, step);
        assertEquals(Shape.of(2, 3), part);
        double[] x = random(full);
        double[] y = random(part);
        double[] sx = new double[part.size()];
        double[] uy = new double[full.size()];
        Layout.slice(full, lo, hi, step).run(new double[][] {x}, sx);
        Layout.unslice(full, lo, hi, step).run(new double[][] {y}, uy);
        assertArrayEquals(new double[] {x[5], x[7], x[9], x[20], x[22], x[24]}, sx, 0);
        assertEquals(dot(sx, y), dot(x, uy), 1e-14);
    }

    @Test
    void gatherAndScatterAddAreAdjoint() {
        Shape full = Shape.of(2, 4, 3);
        Shape idx = Shape.of(5);
        double[] ix = {3, 0, 3, 1, 3};
        Shape part = Layout.gatherShape(full, 1, idx);
        assertEquals(Shape.of(2, 5, 3), part);
        double[] x = random(full);
        double[] y = random(part);
        double[] gx = new double[part.size()];
        double[] sy = new double[full.size()];
        Layout.gather(full, 1, idx).run(new double[][] {x, ix}, gx);
        Layout.scatterAdd(full, 1, idx).run(new double[][] {y, ix}, sy);
        assertEquals(x[(1 * 4 + 3) * 3 + 2], gx[(1 * 5 + 4) * 3 + 2], 0);
        assertEquals(dot(gx, y), dot(x, sy), 1e-14);
        assertThrows(IndexOutOfBoundsException.class,
                () -> Layout.gather(full, 1, idx).run(new double[][] {x, {0, 1, 4, 0, 0}}, new double[30]));
        assertThrows(IndexOutOfBoundsException.class,
                () -> Layout.gather(full, 1, idx).run(new double[][] {x, {0, 1.5, 0, 0, 0}}, new double[30]));
    }

    @Test
    void concatAlongEachAxis() {
        Tensor a = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        Tensor b = Tensor.of(new double[][] {{5, 6}});
        assertEquals(Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}), Tensor.concat(0, a, b));
        assertEquals(Tensor.of(new double[][] {{1, 2, 1, 2}, {3, 4, 3, 4}}), Tensor.concat(1, a, a));
        assertEquals(Shape.of(2, 2, 2), Tensor.stack(0, a, a).shape());
        assertThrows(IllegalArgumentException.class, () -> Tensor.concat(1, a, b));
    }

    private static double[] naiveProduct(double[] a, double[] b, int m, int n, int k, boolean ta, boolean tb) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double av = ta ? a[p * m + i] : a[i * k + p];
                    double bv = tb ? b[j * k + p] : b[p * n + j];
                    s += av * bv;
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    @Test
    void matrixProductsWithEveryTransposeAndBothBackends() {
        int[][] sizes = {{1, 1, 1}, {1, 7, 5}, {6, 1, 3}, {5, 4, 1}, {17, 23, 9}, {40, 33, 50}, {64, 64, 64}};
        Gemm java = new JavaGemm();
        for (int[] mnk : sizes) {
            int m = mnk[0];
            int n = mnk[1];
            int k = mnk[2];
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    Shape as = ta ? Shape.of(k, m) : Shape.of(m, k);
                    Shape bs = tb ? Shape.of(n, k) : Shape.of(k, n);
                    double[] a = random(as);
                    double[] b = random(bs);
                    double[] expected = naiveProduct(a, b, m, n, k, ta, tb);
                    double[] viaKernel = new double[m * n];
                    MatMul.kernel(as, bs, ta, tb).run(new double[][] {a, b}, viaKernel);
                    double[] viaJava = new double[m * n];
                    java.gemm(ta, tb, m, n, k, a, 0, as.dim(1), b, 0, bs.dim(1), viaJava, 0);
                    for (int i = 0; i < m * n; i++) {
                        String what = Arrays.toString(mnk) + " ta=" + ta + " tb=" + tb + " entry " + i;
                        assertEquals(expected[i], viaKernel[i], 1e-12, MatMul.backend() + " " + what);
                        assertEquals(expected[i], viaJava[i], 1e-12, "java " + what);
                    }
                }
            }
        }
    }

    @Test
    void nativeProductsSplitByRowsAcrossThreadsMatchTheWholeProduct() {
        NativeGemm nativeGemm;
        try {
            nativeGemm = new NativeGemm();
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "no native BLAS here: " + e);
            return;
        }
        int m = 37;
        int n = NativeGemm.SCRATCH_ELEMENTS / 8 + 3;
        int k = 3;
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                Shape as = ta ? Shape.of(k, m) : Shape.of(m, k);
                Shape bs = tb ? Shape.of(n, k) : Shape.of(k, n);
                double[] a = random(as);
                double[] b = random(bs);
                double[] expected = naiveProduct(a, b, m, n, k, ta, tb);
                for (int parts : new int[] {2, 3, 5}) {
                    int cOff = parts == 3 ? 11 : 0;
                    double[] c = new double[cOff + m * n + 4];
                    java.util.Arrays.fill(c, 7.0);
                    nativeGemm.split(parts, ta, tb, m, n, k, a, 0, as.dim(1), b, 0, bs.dim(1), c, cOff);
                    for (int i = 0; i < m * n; i++) {
                        assertEquals(expected[i], c[cOff + i], 1e-12, parts + " parts, ta=" + ta + " tb=" + tb + " entry " + i);
                    }
                    for (int i = 0; i < cOff; i++) {
                        assertEquals(7.0, c[i], 0, "before the output at " + i);
                    }
                    for (int i = cOff + m * n; i < c.length; i++) {
                        assertEquals(7.0, c[i], 0, "after the output at " + i);
                    }
                }
            }
        }
    }

    @Test
    void batchedProductsBroadcastBatchAxes() {
        Shape as = Shape.of(3, 1, 4, 5);
        Shape bs = Shape.of(2, 5, 6);
        Shape out = MatMul.shape(as, bs, false, false);
        assertEquals(Shape.of(3, 2, 4, 6), out);
        double[] a = random(as);
        double[] b = random(bs);
        double[] o = new double[out.size()];
        MatMul.kernel(as, bs, false, false).run(new double[][] {a, b}, o);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                double[] ai = Arrays.copyOfRange(a, i * 20, i * 20 + 20);
                double[] bj = Arrays.copyOfRange(b, j * 30, j * 30 + 30);
                double[] c = naiveProduct(ai, bj, 4, 6, 5, false, false);
                for (int e = 0; e < 24; e++) {
                    assertEquals(c[e], o[(i * 2 + j) * 24 + e], 1e-12);
                }
            }
        }
        IllegalArgumentException err = assertThrows(IllegalArgumentException.class,
                () -> MatMul.shape(Shape.of(2, 3), Shape.of(4, 5), false, false));
        assertTrue(err.getMessage().contains("3 != 4"), err.getMessage());
    }

    @Test
    void numpyMatmulSemanticsForVectors() {
        Tensor m = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        Tensor v = Tensor.of(1, 1);
        assertEquals(Tensor.of(3, 7), m.matmul(v));
        assertEquals(Tensor.of(4, 6), v.matmul(m));
        assertEquals(Tensor.scalar(2), v.matmul(v));
        assertEquals(Tensor.of(new double[][] {{1, 1}, {1, 1}}), v.outer(v));
        assertEquals(Tensor.scalar(5), Tensor.of(1, 2).dot(Tensor.of(1, 2)));
    }

    @Test
    void alignedLoopsGiveTheBitsOfTheOffsetLoops() {
        Random r = new Random(8);
        int n = 1037;
        double[] a = new double[n + 3];
        double[] b = new double[n + 3];
        for (int i = 0; i < a.length; i++) {
            a[i] = i % 13 == 0 ? 0.0 : (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(7) - 3);
            b[i] = i % 17 == 0 ? Double.NaN : (r.nextDouble() - 0.5) * 8;
        }
        for (BinaryOp op : BinaryOp.values()) {
            double[] shifted = new double[n + 3];
            double[] aligned = new double[n + 3];
            op.loop(a, 3, b, 3, shifted, 3, n);
            op.aligned(a, b, aligned, 3, n + 3);
            assertArrayEquals(shifted, aligned, op.label());
            double[] inPlace = a.clone();
            op.run(inPlace, 3, b, 3, inPlace, 3, n);
            assertArrayEquals(Arrays.copyOfRange(shifted, 3, n + 3), Arrays.copyOfRange(inPlace, 3, n + 3), op.label() + " in place");
            for (double c : new double[] {0.0, -2.5, Double.NaN}) {
                double[] left = new double[n + 3];
                double[] leftAligned = new double[n + 3];
                op.loop(a, 3, c, left, 3, n);
                op.aligned(a, c, leftAligned, 3, n + 3);
                assertArrayEquals(left, leftAligned, op.label() + "(a, " + c + ")");
                double[] right = new double[n + 3];
                double[] rightAligned = new double[n + 3];
                op.loop(c, b, 3, right, 3, n);
                op.aligned(c, b, rightAligned, 3, n + 3);
                assertArrayEquals(right, rightAligned, op.label() + "(" + c + ", b)");
            }
        }
        for (UnaryOp op : UnaryOp.values()) {
            double[] shifted = new double[n + 3];
            double[] aligned = new double[n + 3];
            op.loop(a, 3, shifted, 3, n);
            op.aligned(a, aligned, 3, n + 3);
            assertArrayEquals(shifted, aligned, op.label());
        }
    }
}
