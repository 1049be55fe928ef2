package descent.tensor;

import java.util.Arrays;

/**
 * Copies between a contiguous buffer and a strided view of another buffer. One mechanism serves
 * transposition, permutation, broadcasting (zero strides) and slicing (offsets and stepped strides).
 * Axes that are contiguous with their neighbour are merged, and the innermost run is copied with
 * {@code System.arraycopy} when it is contiguous or with a fill when it repeats one element.
 */
final class Strided {
    final int runs;
    final int run;
    final int innerStride;
    final int[] runOffsets;

    /**
     * @param shape   shape of the contiguous side
     * @param offset  offset of element [0, ..., 0] in the strided buffer
     * @param strides strides (in elements) of the strided side, per axis of {@code shape}
     */
    Strided(Shape shape, int offset, int[] strides) {
        int r = shape.rank();
        int[] dims = new int[r];
        int[] st = new int[r];
        int m = 0;
        for (int a = 0; a < r; a++) {
            if (shape.dim(a) == 1) {
                continue;
            }
            if (m > 0 && st[m - 1] == strides[a] * shape.dim(a)) {
                dims[m - 1] *= shape.dim(a);
                st[m - 1] = strides[a];
            } else {
                dims[m] = shape.dim(a);
                st[m] = strides[a];
                m++;
            }
        }
        int size = shape.size();
        if (m == 0) {
            this.run = size == 0 ? 0 : 1;
            this.innerStride = 1;
            this.runs = size == 0 ? 0 : 1;
            this.runOffsets = new int[] {offset};
            return;
        }
        this.run = dims[m - 1];
        this.innerStride = st[m - 1];
        this.runs = run == 0 ? 0 : size / run;
        this.runOffsets = new int[runs];
        int[] idx = new int[m - 1];
        int off = offset;
        for (int q = 0; q < runs; q++) {
            runOffsets[q] = off;
            for (int a = m - 2; a >= 0; a--) {
                idx[a]++;
                off += st[a];
                if (idx[a] < dims[a]) {
                    break;
                }
                off -= st[a] * dims[a];
                idx[a] = 0;
            }
        }
    }

    /** Reads the strided view of {@code src} into contiguous {@code dst}. */
    void read(double[] src, double[] dst) {
        read(src, dst, 0, runs * run);
    }

    /** Reads elements [lo, hi) of the contiguous side (row-major) from the strided view of {@code src}. */
    void read(double[] src, double[] dst, int lo, int hi) {
        int len = run;
        if (len == 0) {
            return;
        }
        for (int q = lo / len; q < runs && q * len < hi; q++) {
            int from = Math.max(lo, q * len);
            int to = Math.min(hi, (q + 1) * len);
            int so = runOffsets[q] + (from - q * len) * innerStride;
            if (innerStride == 1) {
                System.arraycopy(src, so, dst, from, to - from);
            } else if (innerStride == 0) {
                Arrays.fill(dst, from, to, src[so]);
            } else {
                for (int i = from; i < to; i++, so += innerStride) {
                    dst[i] = src[so];
                }
            }
        }
    }

    /** Writes contiguous {@code src} into the strided view of {@code dst} (which must not repeat elements). */
    void write(double[] src, double[] dst) {
        int len = run;
        for (int q = 0; q < runs; q++) {
            int dOff = runOffsets[q];
            int so = q * len;
            if (innerStride == 1) {
                System.arraycopy(src, so, dst, dOff, len);
            } else {
                for (int i = 0; i < len; i++) {
                    dst[dOff + i * innerStride] = src[so + i];
                }
            }
        }
    }
}
