package descent.tensor;

/**
 * Dense general matrix product on row-major buffers: C = op(A) op(B), where op transposes when the
 * corresponding flag is set. C is m x n with leading dimension n and is overwritten.
 */
interface Gemm {
    /**
     * @param transA use A^T (A stored k x m) instead of A (stored m x k)
     * @param transB use B^T (B stored n x k) instead of B (stored k x n)
     * @param lda    row stride of A as stored
     * @param ldb    row stride of B as stored
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k,
              double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double[] c, int cOff);

    /** Short description of the implementation, e.g. "openblas". */
    String name();
}
