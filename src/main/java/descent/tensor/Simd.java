package descent.tensor;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Chooses, per function, between the scalar loops of {@link UnaryOp} and the vectorized loops of
 * {@link VectorMath} (the JDK's incubating Vector API, present when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}, as the {@code ./descent} launcher does). Both compute
 * the same formulas and return bitwise identical results, so the choice only affects speed.
 *
 * <p>Which is faster depends on the processor, the vector width and the JIT, so it is measured:
 * the first time a function runs, it runs scalar while a background thread times both loops on a
 * small buffer until the JIT has compiled them (typically a few hundred milliseconds of one core,
 * once per function and process), then every later call takes the faster loop. The system
 * property {@code descent.simd=true} or {@code false} forces one loop for every function instead;
 * {@link #calibrate()} measures all functions at once.
 */
public final class Simd {
    private static final int UNMEASURED = 0;
    private static final int MEASURING = 1;
    private static final int SCALAR = 2;
    private static final int VECTOR = 3;

    /** Elements per timed call: a few blocks of vectors, small enough to stay in cache. */
    private static final int SAMPLE = 256;
    private static final int CALLS_PER_ROUND = 20;
    /** Rounds before the timings count, enough calls for the JIT's last tier to compile both loops. */
    private static final int WARMUP_ROUNDS = 300;
    /** Rounds of timing after the warm-up; each loop's best round counts. */
    private static final int ROUNDS = 30;
    /** Length of the windows in which the JIT must have compiled nothing before timings count. */
    private static final long QUIET_MILLIS = 50;
    /** Time after which the timings count whatever the JIT is doing. */
    private static final long MAX_MILLIS = 10_000;

    private static final UnaryOp[] OPS = UnaryOp.values();
    private static final AtomicIntegerArray STATE = new AtomicIntegerArray(OPS.length);
    private static final double[] SCALAR_NS = new double[OPS.length];
    private static final double[] VECTOR_NS = new double[OPS.length];
    /** The choice for {@link VectorArith}, with its timings (of a product) in the slots after the functions'. */
    private static final AtomicInteger ARITH = new AtomicInteger();
    private static final double[] ARITH_NS = new double[2];
    /** Why the vector loops are not measured, or null when they are. */
    private static final String FIXED;
    private static final int LANES;
    private static ExecutorService calibrator;

    static {
        String property = System.getProperty("descent.simd", "auto").trim().toLowerCase(Locale.ROOT);
        int lanes = 0;
        String unavailable = null;
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            unavailable = "start the JVM with --add-modules jdk.incubator.vector for SIMD math";
        } else {
            try {
                lanes = VectorMath.lanes();
            } catch (Throwable t) {
                unavailable = "the Vector API failed to load: " + t;
            }
            if (unavailable == null && lanes < 2) {
                unavailable = "this processor has no vectors of two or more doubles";
            }
        }
        String fixed;
        boolean vector = false;
        if (unavailable != null) {
            fixed = "scalar (" + unavailable + ")";
        } else if (property.equals("false")) {
            fixed = "scalar (forced by -Ddescent.simd=false)";
        } else if (property.equals("true")) {
            fixed = "simd (Vector API, " + lanes + " doubles per vector; forced by -Ddescent.simd=true)";
            vector = true;
        } else {
            fixed = null;
        }
        for (UnaryOp op : OPS) {
            boolean supported = unavailable == null && VectorMath.supports(op);
            if (!supported) {
                STATE.set(op.ordinal(), SCALAR);
            } else if (fixed != null) {
                STATE.set(op.ordinal(), vector ? VECTOR : SCALAR);
            }
        }
        if (unavailable != null) {
            ARITH.set(SCALAR);
        } else if (fixed != null) {
            ARITH.set(vector ? VECTOR : SCALAR);
        }
        FIXED = fixed;
        LANES = lanes;
    }

    private Simd() {
    }

    /** True if the vectorized loop is in use for at least one function. */
    public static boolean enabled() {
        for (UnaryOp op : OPS) {
            if (STATE.get(op.ordinal()) == VECTOR) {
                return true;
            }
        }
        return false;
    }

    /**
     * Which loop each function uses and why: the forced or unavailable state, or per measured
     * function "simd" or "scalar" with both timings in nanoseconds per element.
     */
    public static String description() {
        if (FIXED != null) {
            return FIXED;
        }
        StringBuilder measured = new StringBuilder();
        List<String> pending = new ArrayList<>();
        for (UnaryOp op : OPS) {
            if (!VectorMath.supports(op)) {
                continue;
            }
            int s = STATE.get(op.ordinal());
            if (s == SCALAR || s == VECTOR) {
                measured.append(measured.length() == 0 ? "" : ", ").append(op.label()).append(s == VECTOR ? " simd" : " scalar")
                        .append(String.format(Locale.ROOT, " (%.2f vs %.2f ns)", VECTOR_NS[op.ordinal()], SCALAR_NS[op.ordinal()]));
            } else {
                pending.add(op.label());
            }
        }
        int arith = ARITH.get();
        if (arith >= SCALAR) {
            measured.append(measured.length() == 0 ? "" : ", ").append("arithmetic at distinct offsets")
                    .append(arith == VECTOR ? " simd" : " scalar")
                    .append(String.format(Locale.ROOT, " (%.2f vs %.2f ns)", ARITH_NS[1], ARITH_NS[0]));
        }
        StringBuilder d = new StringBuilder(enabled() ? "simd" : "scalar");
        d.append(" per function by measurement (Vector API, ").append(LANES).append(" doubles per vector; simd vs scalar time per element)");
        if (measured.length() > 0) {
            d.append(": ").append(measured);
        }
        if (measured.length() == 0) {
            d.append("; each function is measured at first use");
        } else if (!pending.isEmpty()) {
            d.append("; not yet measured: ").append(String.join(", ", pending));
        }
        return d.toString();
    }

    /** Measures every function (and the arithmetic at distinct offsets) not yet measured, blocking until done; does nothing when a loop is forced. */
    public static void calibrate() {
        for (UnaryOp op : OPS) {
            request(op);
        }
        for (UnaryOp op : OPS) {
            awaitDecision(op);
        }
        awaitArith();
    }

    /** True if {@code op} currently runs its vectorized loop. */
    static boolean usesVector(UnaryOp op) {
        return STATE.get(op.ordinal()) == VECTOR;
    }

    /** Blocks until {@code op} has a decided loop, requesting its measurement if needed. */
    static void awaitDecision(UnaryOp op) {
        request(op);
        await(() -> STATE.get(op.ordinal()));
    }

    /** Sleeps until {@code state} reports a decided loop (or the thread is interrupted). */
    private static void await(java.util.function.IntSupplier state) {
        while (state.getAsInt() < SCALAR) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Runs {@code op} over a range through the chosen loop. */
    static void apply(UnaryOp op, double[] x, int xo, double[] y, int yo, int n) {
        int s = STATE.get(op.ordinal());
        if (s == UNMEASURED) {
            request(op);
        }
        if (s == VECTOR && n >= LANES) {
            VectorMath.apply(op, x, xo, y, yo, n);
        } else {
            op.run(x, xo, y, yo, n);
        }
    }

    private static synchronized void request(UnaryOp op) {
        if (STATE.compareAndSet(op.ordinal(), UNMEASURED, MEASURING)) {
            calibrator().execute(() -> measure(op));
        }
    }

    /** The daemon thread that runs the measurements, one at a time. */
    private static synchronized ExecutorService calibrator() {
        if (calibrator == null) {
            calibrator = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "descent-simd-calibration");
                t.setDaemon(true);
                return t;
            });
        }
        return calibrator;
    }

    /** True if the arithmetic of {@link BinaryOp} at distinct offsets runs the loops of {@link VectorArith}. */
    static boolean vectorArith() {
        int s = ARITH.get();
        if (s == UNMEASURED) {
            requestArith();
        }
        return s == VECTOR;
    }

    /** Blocks until the arithmetic at distinct offsets has a decided loop, requesting its measurement if needed. */
    static void awaitArith() {
        vectorArith();
        await(ARITH::get);
    }

    private static synchronized void requestArith() {
        if (ARITH.compareAndSet(UNMEASURED, MEASURING)) {
            calibrator().execute(Simd::measureArith);
        }
    }

    /** Times a product of operands at offsets 0, 1 and 3 both ways, as {@link #measure} does for a function. */
    private static void measureArith() {
        int decision = SCALAR;
        try {
            double[] a = sample(UnaryOp.SIN);
            double[] b = sample(UnaryOp.COS);
            double[] o = new double[SAMPLE];
            int n = SAMPLE - 3;
            long[] best = time(() -> BinaryOp.MUL.loop(a, 0, b, 1, o, 3, n), () -> VectorArith.loop(BinaryOp.MUL, a, 0, b, 1, o, 3, n));
            double per = 1.0 / ((double) CALLS_PER_ROUND * n);
            ARITH_NS[0] = best[0] * per;
            ARITH_NS[1] = best[1] * per;
            decision = best[1] < best[0] ? VECTOR : SCALAR;
        } finally {
            ARITH.set(decision);
        }
    }

    /** Records the faster loop for {@code op} by {@link #time}; any failure means scalar. */
    private static void measure(UnaryOp op) {
        int decision = SCALAR;
        try {
            double[] x = sample(op);
            double[] y = new double[SAMPLE];
            long[] best = time(() -> op.run(x, 0, y, 0, SAMPLE), () -> VectorMath.apply(op, x, 0, y, 0, SAMPLE));
            double per = 1.0 / ((double) CALLS_PER_ROUND * SAMPLE);
            SCALAR_NS[op.ordinal()] = best[0] * per;
            VECTOR_NS[op.ordinal()] = best[1] * per;
            decision = best[1] < best[0] ? VECTOR : SCALAR;
        } finally {
            STATE.set(op.ordinal(), decision);
        }
    }

    /**
     * The best round of {@value #CALLS_PER_ROUND} calls of each loop, timed in alternating rounds,
     * in nanoseconds: {scalar, vector}. Rounds count only once the JIT is done with them: after
     * enough calls for its last tier to compile both loops, and once its total compilation time
     * has not moved for two consecutive windows of {@value #QUIET_MILLIS} ms (without a JIT, at
     * once).
     */
    private static long[] time(Runnable scalarLoop, Runnable vectorLoop) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean watch = jit != null && jit.isCompilationTimeMonitoringSupported();
        long start = System.nanoTime();
        long windowStart = start;
        long compileTime = watch ? jit.getTotalCompilationTime() : 0;
        int quietWindows = 0;
        int counted = 0;
        long scalar = Long.MAX_VALUE;
        long vector = Long.MAX_VALUE;
        for (int round = 0; counted < ROUNDS; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < CALLS_PER_ROUND; i++) {
                scalarLoop.run();
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < CALLS_PER_ROUND; i++) {
                vectorLoop.run();
            }
            long t2 = System.nanoTime();
            boolean settled = !watch || (round >= WARMUP_ROUNDS && quietWindows >= 2)
                    || t2 - start > MAX_MILLIS * 1_000_000L;
            if (settled) {
                scalar = Math.min(scalar, t1 - t0);
                vector = Math.min(vector, t2 - t1);
                counted++;
            } else if (t2 - windowStart > QUIET_MILLIS * 1_000_000L) {
                long now = jit.getTotalCompilationTime();
                quietWindows = now == compileTime ? quietWindows + 1 : 0;
                compileTime = now;
                windowStart = t2;
            }
        }
        return new long[] {scalar, vector};
    }

    /** Arguments spread over the range where {@code op} does real work. */
    private static double[] sample(UnaryOp op) {
        double lo = op == UnaryOp.LOG ? 1e-3 : op == UnaryOp.LOG1P ? -0.9 : -8;
        double hi = op == UnaryOp.LOG ? 1e3 : 8;
        Random r = new Random(op.ordinal());
        double[] x = new double[SAMPLE];
        for (int i = 0; i < SAMPLE; i++) {
            x[i] = lo + (hi - lo) * r.nextDouble();
        }
        return x;
    }
}
