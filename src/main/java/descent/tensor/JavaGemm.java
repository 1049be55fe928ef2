package descent.tensor;

import java.util.Arrays;

/**
 * Portable matrix product in plain Java: blocked i-k-j loops whose innermost loop is an
 * axpy over a row of B that the JIT vectorizes. Transposed B is packed once per call so the inner
 * loop always runs over contiguous memory.
 */
final class JavaGemm implements Gemm {
    private static final int BLOCK_K = 256;
    private static final int BLOCK_N = 512;

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
        for (int jj = 0; jj < n; jj += BLOCK_N) {
            int jEnd = Math.min(n, jj + BLOCK_N);
            for (int kk = 0; kk < k; kk += BLOCK_K) {
                int kEnd = Math.min(k, kk + BLOCK_K);
                for (int i = 0; i < m; i++) {
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
