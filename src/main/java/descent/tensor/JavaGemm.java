package descent.tensor;

import java.util.Arrays;

/**
 * Portable matrix product in plain Java: blocked i-k-j loops whose innermost loop is an
 * axpy over a row of B that the JIT vectorizes. Transposed B is packed once per call so the inner
 * loop always runs over contiguous memory. Large products split their rows across processors.
 */
final class JavaGemm implements Gemm {
    private static final int BLOCK_K = 256;
    private static final int BLOCK_N = 512;
    /** Multiply-adds above which rows are split across processors. */
    private static final long PARALLEL_WORK = 1L << 21;

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double[] c, int cOff) {
        Arrays.fill(c, cOff, cOff + m * n, 0);
        double[] bb = b;
        int bo = bOff;
        int bld = ldb;
        if (transB) {
            bb = new double[k * n];
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < k; p++) {
                    bb[p * n + j] = b[bOff + j * ldb + p];
                }
            }
            bo = 0;
            bld = n;
        }
        double[] bPacked = bb;
        int bOffset = bo;
        int bStride = bld;
        if ((long) m * n * k >= PARALLEL_WORK && m >= 2 && Parallel.WAYS > 1) {
            new Parallel(m, 1, (lo, hi) -> rows(lo, hi, transA, n, k, a, aOff, lda, bPacked, bOffset, bStride, c, cOff)).run();
        } else {
            rows(0, m, transA, n, k, a, aOff, lda, bb, bo, bld, c, cOff);
        }
    }

    /** Rows [lo, hi) of C += op(A) B, with B row-major (already untransposed). */
    private static void rows(int lo, int hi, boolean transA, int n, int k, double[] a, int aOff, int lda,
                             double[] bb, int bo, int bld, double[] c, int cOff) {
        for (int jj = 0; jj < n; jj += BLOCK_N) {
            int jEnd = Math.min(n, jj + BLOCK_N);
            for (int kk = 0; kk < k; kk += BLOCK_K) {
                int kEnd = Math.min(k, kk + BLOCK_K);
                for (int i = lo; i < hi; i++) {
                    int crow = cOff + i * n;
                    for (int p = kk; p < kEnd; p++) {
                        double aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                        int brow = bo + p * bld;
                        for (int j = jj; j < jEnd; j++) {
                            c[crow + j] += aip * bb[brow + j];
                        }
                    }
                }
            }
        }
    }

    @Override
    public String name() {
        return "java";
    }
}
