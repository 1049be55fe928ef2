package descent.tensor;

import org.jetbrains.kotlinx.multik.openblas.JvmNativeEngine;
import org.jetbrains.kotlinx.multik.openblas.linalg.JniLinAlg;

/**
 * OpenBLAS dgemm through multik's JNI binding. The arrays are pinned, not copied. The binding
 * writes C from index 0, so a product into an offset of a larger buffer goes through a scratch
 * buffer. Products too small to amortize the native call run in {@link JavaGemm}.
 */
final class NativeGemm implements Gemm {
    /** Below this many multiply-adds the JNI transition costs more than it saves. */
    private static final long NATIVE_MIN_WORK = 4096;

    private final JavaGemm small = new JavaGemm();
    private final ThreadLocal<double[]> scratch = ThreadLocal.withInitial(() -> new double[0]);

    /** Loads the native library; throws if it cannot be loaded on this platform. */
    NativeGemm() {
        new JvmNativeEngine().getLinAlg();
        double[] a = {1, 2, 3, 4};
        double[] c = new double[4];
        JniLinAlg.INSTANCE.dotMM(false, 0, a, 2, 2, 2, false, 0, a, 2, 2, c);
        if (c[0] != 7 || c[3] != 22) {
            throw new IllegalStateException("native dgemm self-test failed: " + java.util.Arrays.toString(c));
        }
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double[] c, int cOff) {
        if ((long) m * n * k < NATIVE_MIN_WORK || k == 0) {
            small.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff);
            return;
        }
        if (cOff == 0) {
            JniLinAlg.INSTANCE.dotMM(transA, aOff, a, m, k, lda, transB, bOff, b, n, ldb, c);
            return;
        }
        double[] t = scratch.get();
        if (t.length < m * n) {
            t = new double[m * n];
            scratch.set(t);
        }
        JniLinAlg.INSTANCE.dotMM(transA, aOff, a, m, k, lda, transB, bOff, b, n, ldb, t);
        System.arraycopy(t, 0, c, cOff, m * n);
    }

    @Override
    public String name() {
        return "openblas";
    }
}
