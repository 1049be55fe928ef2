package descent.tensor;

import java.util.Arrays;

/**
 * Portable matrix product in plain Java: blocked i-k-j loops whose innermost loop is an
 * axpy over a row of B that the JIT vectorizes. Transposed B is packed once per call so the inner
 * loop always runs over contiguous memory. Large products split their rows across processors.
 * The packing buffer and the parallel tasks are kept per thread, so a product allocates nothing
 * after the first on each thread.
 */
final class JavaGemm implements Gemm {
    private static final int BLOCK_K = 256;
    private static final int BLOCK_N = 512;
    /** Multiply-adds above which rows are split across processors. */
    private static final long PARALLEL_WORK = 1L << 21;

    /** Per-thread reusable state, so a product allocates nothing after the first on a thread. */
    private static final class Work extends java.util.concurrent.RecursiveAction {
        double[] packed = new double[0];
        boolean transA;
        int n;
        int k;
        double[] a;
        int aOff;
        int lda;
        double[] b;
        int bOff;
        int ldb;
        double[] c;
        int cOff;
        int lo;
        int hi;

        @Override
        protected void compute() {
            rows(lo, hi, transA, n, k, a, aOff, lda, b, bOff, ldb, c, cOff);
        }
    }

    private static final ThreadLocal<Work[]> WORK = ThreadLocal.withInitial(() -> {
        Work[] w = new Work[Parallel.WAYS];
        for (int i = 0; i < w.length; i++) {
            w[i] = new Work();
        }
        return w;
    });

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double[] c, int cOff) {
        Arrays.fill(c, cOff, cOff + m * n, 0);
        Work[] work = WORK.get();
        Work first = work[0];
        double[] bb = b;
        int bo = bOff;
        int bld = ldb;
        if (transB) {
            if (first.packed.length < k * n) {
                first.packed = new double[k * n];
            }
            bb = first.packed;
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < k; p++) {
                    bb[p * n + j] = b[bOff + j * ldb + p];
                }
            }
            bo = 0;
            bld = n;
        }
        int ways = (long) m * n * k >= PARALLEL_WORK && m >= 2 ? Math.min(work.length, m) : 1;
        if (ways == 1) {
            rows(0, m, transA, n, k, a, aOff, lda, bb, bo, bld, c, cOff);
            return;
        }
        int chunk = (m + ways - 1) / ways;
        for (int w = 0; w < ways; w++) {
            Work p = work[w];
            p.transA = transA;
            p.n = n;
            p.k = k;
            p.a = a;
            p.aOff = aOff;
            p.lda = lda;
            p.b = bb;
            p.bOff = bo;
            p.ldb = bld;
            p.c = c;
            p.cOff = cOff;
            p.lo = Math.min(m, w * chunk);
            p.hi = Math.min(m, (w + 1) * chunk);
        }
        for (int w = 1; w < ways; w++) {
            work[w].reinitialize();
            work[w].fork();
        }
        first.compute();
        for (int w = 1; w < ways; w++) {
            work[w].join();
        }
        for (Work p : work) {
            p.a = null;
            p.b = null;
            p.c = null;
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
