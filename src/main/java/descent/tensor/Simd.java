package descent.tensor;

import java.util.Locale;

/**
 * Whether elementwise transcendental functions run through the JDK's incubating Vector API, which
 * on x86-64 with AVX2 or AVX-512 maps exp, log, tanh, sin and the like to the JDK's vectorized
 * math library, several times faster than scalar loops (within 2 ulp of the correctly rounded
 * result). It is used when the JVM was started with {@code --add-modules jdk.incubator.vector}
 * (the {@code ./descent} launcher does this) on such a processor, unless the system property
 * {@code descent.simd=false} is set; otherwise scalar loops run. Either way results agree to a few ulp.
 */
public final class Simd {
    private static final String REASON;
    static final boolean ENABLED;

    static {
        String reason;
        boolean on = false;
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if ("false".equalsIgnoreCase(System.getProperty("descent.simd", ""))) {
            reason = "scalar (disabled by -Ddescent.simd=false)";
        } else if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            reason = "scalar (vectorized math library needs x86-64, this is " + arch + ")";
        } else if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            reason = "scalar (start the JVM with --add-modules jdk.incubator.vector for SIMD math)";
        } else {
            int lanes;
            try {
                lanes = VectorMath.lanes();
            } catch (Throwable t) {
                lanes = 0;
            }
            on = lanes >= 4;
            reason = on ? "simd (Vector API, " + lanes + " doubles per vector)"
                    : "scalar (no 256-bit vectors on this processor)";
        }
        ENABLED = on;
        REASON = reason;
    }

    private Simd() {
    }

    /** True if SIMD elementwise math is in use. */
    public static boolean enabled() {
        return ENABLED;
    }

    /** Which elementwise backend is in use, and why. */
    public static String description() {
        return REASON;
    }

    /** Runs {@code op} over a range, vectorized when enabled and supported, scalar otherwise. */
    static void apply(UnaryOp op, double[] x, int xo, double[] y, int yo, int n) {
        if (ENABLED && VectorMath.supports(op)) {
            VectorMath.apply(op, x, xo, y, yo, n);
        } else {
            op.loop(x, xo, y, yo, n);
        }
    }
}
