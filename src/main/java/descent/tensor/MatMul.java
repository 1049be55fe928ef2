package descent.tensor;

import java.util.Arrays;

/**
 * Batched matrix products with NumPy {@code matmul} semantics for operands of rank at least 2:
 * the last two axes are multiplied, leading (batch) axes broadcast. Either operand may be used
 * transposed in its last two axes without materializing the transpose.
 *
 * <p>The backend is chosen once: OpenBLAS through multik's native library where it loads (Linux,
 * macOS and Windows on x86-64, macOS on arm64), otherwise a portable Java kernel. Setting the system
 * property {@code descent.matmul=java} forces the Java kernel. {@link #backend()} reports the choice,
 * which is also logged once at level INFO on the {@code System.Logger} named {@code descent} (unless
 * the system property {@code descent.quiet} is true).
 */
public final class MatMul {
    private static final Gemm GEMM;
    private static final String REASON;

    static {
        Gemm g;
        String reason;
        if ("java".equalsIgnoreCase(System.getProperty("descent.matmul", ""))) {
            g = new JavaGemm();
            reason = "java (forced by -Ddescent.matmul=java)";
        } else {
            try {
                g = new NativeGemm();
                reason = "openblas (multik native, " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")";
            } catch (Throwable t) {
                g = new JavaGemm();
                reason = "java (native OpenBLAS unavailable: " + t + ")";
            }
        }
        GEMM = g;
        REASON = reason;
        if (!Boolean.getBoolean("descent.quiet")) {
            System.getLogger("descent").log(System.Logger.Level.INFO, "matmul " + REASON + "; elementwise " + Simd.description());
        }
    }

    private MatMul() {
    }

    /** The active backend: {@code "openblas"} or {@code "java"}. */
    public static String backend() {
        return GEMM.name();
    }

    /** The active backend with the reason it was chosen. */
    public static String backendDescription() {
        return REASON;
    }

    /**
     * Output shape of {@code op(a) @ op(b)}.
     *
     * @throws IllegalArgumentException naming both shapes if ranks are below 2, inner dimensions
     *                                  differ, or batch dimensions do not broadcast
     */
    public static Shape shape(Shape a, Shape b, boolean transA, boolean transB) {
        if (a.rank() < 2 || b.rank() < 2) {
            throw new IllegalArgumentException("matmul: operands need rank >= 2 here, got " + a + " @ " + b);
        }
        int m = transA ? a.dim(-1) : a.dim(-2);
        int ka = transA ? a.dim(-2) : a.dim(-1);
        int kb = transB ? b.dim(-1) : b.dim(-2);
        int n = transB ? b.dim(-2) : b.dim(-1);
        if (ka != kb) {
            throw new IllegalArgumentException("matmul: inner dimensions differ: " + describe(a, transA) + " @ "
                    + describe(b, transB) + " (" + ka + " != " + kb + ")");
        }
        Shape batch = Shape.broadcast("matmul batch", batchOf(a), batchOf(b));
        return batch.concat(Shape.of(m, n));
    }

    private static String describe(Shape s, boolean t) {
        return t ? s + "^T" : s.toString();
    }

    private static Shape batchOf(Shape s) {
        return Shape.of(Arrays.copyOf(s.dims(), s.rank() - 2));
    }

    /**
     * The matrix an operand of NumPy {@code matmul} is read as: a vector becomes a row on the left
     * ({@code left}) or a column on the right; other shapes are unchanged.
     */
    public static int[] asMatrix(Shape s, boolean left) {
        if (s.rank() == 0) {
            throw new IllegalArgumentException("matmul: operands must have rank >= 1, got a scalar");
        }
        return s.rank() > 1 ? s.dims() : left ? new int[] {1, s.size()} : new int[] {s.size(), 1};
    }

    /** The NumPy {@code matmul} result shape: {@code product} with the axes added by {@link #asMatrix} removed. */
    public static int[] vectorResult(Shape a, Shape b, Shape product) {
        Shape r = product;
        if (b.rank() == 1) {
            r = r.drop(-1);
        }
        if (a.rank() == 1) {
            r = r.drop(-1 - (b.rank() == 1 ? 0 : 1));
        }
        return r.dims();
    }

    /**
     * Checks that {@code a} and {@code b} are vectors, of equal length if {@code sameLength}.
     *
     * @param op the operation asking (dot, outer), named in the error
     */
    public static void requireVectors(String op, Shape a, Shape b, boolean sameLength) {
        if (a.rank() != 1 || b.rank() != 1 || (sameLength && a.size() != b.size())) {
            throw new IllegalArgumentException(op + ": needs two vectors" + (sameLength ? " of equal length" : "")
                    + ", got " + a + " and " + b);
        }
    }

    /** Kernel computing {@code op(a) @ op(b)} for inputs of the given shapes. */
    public static Kernel kernel(Shape a, Shape b, boolean transA, boolean transB) {
        Shape out = shape(a, b, transA, transB);
        int m = out.dim(-2);
        int n = out.dim(-1);
        int k = transA ? a.dim(-2) : a.dim(-1);
        int lda = a.dim(-1);
        int ldb = b.dim(-1);
        Shape batchA = batchOf(a);
        Shape batchB = batchOf(b);
        Shape batch = batchOf(out);
        int matA = a.dim(-1) * a.dim(-2);
        int matB = b.dim(-1) * b.dim(-2);
        if (batch.size() == 1) {
            return (in, o) -> GEMM.gemm(transA, transB, m, n, k, in[0], 0, lda, in[1], 0, ldb, o, 0);
        }
        if (batchB.size() == 1 && !transA && batchA.equals(batch)) {
            int rows = batch.size() * m;
            return (in, o) -> GEMM.gemm(false, transB, rows, n, k, in[0], 0, lda, in[1], 0, ldb, o, 0);
        }
        int[] sa = Broadcast.broadcastStrides(batchA, batch);
        int[] sb = Broadcast.broadcastStrides(batchB, batch);
        int count = batch.size();
        int[] offA = new int[count];
        int[] offB = new int[count];
        int[] idx = new int[batch.rank()];
        for (int q = 0; q < count; q++) {
            int oa = 0;
            int ob = 0;
            for (int d = 0; d < idx.length; d++) {
                oa += idx[d] * sa[d];
                ob += idx[d] * sb[d];
            }
            offA[q] = oa * matA;
            offB[q] = ob * matB;
            for (int d = idx.length - 1; d >= 0; d--) {
                if (++idx[d] < batch.dim(d)) {
                    break;
                }
                idx[d] = 0;
            }
        }
        int mn = m * n;
        return (in, o) -> {
            for (int q = 0; q < count; q++) {
                GEMM.gemm(transA, transB, m, n, k, in[0], offA[q], lda, in[1], offB[q], ldb, o, q * mn);
            }
        };
    }
}
