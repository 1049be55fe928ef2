package descent.tensor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Digests of the output bits of the elementary function loops on fixed arguments. {@link SimdTest}
 * runs {@link #main} in child JVMs under different JIT configurations and compares the lines it
 * prints: {@code op path when digest}, for the scalar and vector loops, on their first run and
 * after {@code warm} more runs, and the Simd description.
 */
final class KernelDigest {
    static final int N = 515;

    private KernelDigest() {
    }

    /** Arguments covering each function's formulas, special values and the vector remainder. */
    static double[] arguments(UnaryOp op) {
        Random r = new Random(op.ordinal() + 101);
        double[] special = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_NORMAL, 1e-300, 0x1p-27, 0.5, 1, -1, 0.7,
            0.6875, 2.4375, 20, -20, 700, 709.8, -745.2, 800, -800, 0x1p21, -0x1.0000000000001p21, 1e300,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            if (i < special.length) {
                x[i] = special[i];
            } else {
                double scale = i % 3 == 0 ? 1 : i % 3 == 1 ? 30 : 1000;
                x[i] = (r.nextDouble() * 2 - 1) * scale;
            }
            if (op == UnaryOp.LOG && i % 2 == 0) {
                x[i] = Math.abs(x[i]);
            }
        }
        return x;
    }

    /** FNV-1a over the bits of y, NaNs canonical. */
    static long digest(double[] y) {
        long h = 0xcbf29ce484222325L;
        for (double v : y) {
            long b = Double.doubleToLongBits(v);
            for (int k = 0; k < 64; k += 8) {
                h = (h ^ ((b >>> k) & 0xff)) * 0x100000001b3L;
            }
        }
        return h;
    }

    /** op -> digest of its scalar loop on {@link #arguments}. */
    static Map<UnaryOp, Long> scalarDigests() {
        Map<UnaryOp, Long> d = new LinkedHashMap<>();
        for (UnaryOp op : UnaryOp.values()) {
            if (VectorMath.supports(op)) {
                double[] y = new double[N];
                op.loop(arguments(op), 0, y, 0, N);
                d.put(op, digest(y));
            }
        }
        return d;
    }

    /** Prints the digests; the argument is how many runs of each loop come between first and last. */
    public static void main(String[] args) {
        int warm = Integer.parseInt(args[0]);
        for (UnaryOp op : UnaryOp.values()) {
            if (!VectorMath.supports(op)) {
                continue;
            }
            double[] x = arguments(op);
            double[] y = new double[N];
            for (String path : new String[] {"scalar", "vector"}) {
                for (int run = 0; run <= warm; run++) {
                    if (path.equals("scalar")) {
                        op.loop(x, 0, y, 0, N);
                    } else {
                        VectorMath.apply(op, x, 0, y, 0, N);
                    }
                    if (run == 0 || run == warm) {
                        System.out.println(op + " " + path + " " + (run == 0 ? "cold" : "warm") + " " + Long.toHexString(digest(y)));
                    }
                }
            }
        }
        System.out.println("simd " + Simd.description());
        System.out.println("exp uses vector " + Simd.usesVector(UnaryOp.EXP));
    }
}
