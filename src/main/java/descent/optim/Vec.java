package descent.optim;

/**
 * Elementwise operations and reductions over ranges of flat vectors, split across threads for
 * long ranges (see {@link Loop}). Each thread has its own loop objects, so the operations are
 * allocation-free and may run on several threads at once.
 *
 * <p>{@link #axpy} and {@link #dot} round each multiply-add once (fused multiply-add), as
 * torch's {@code add_(x, alpha=a)} and OpenBLAS's {@code ddot} on vectors shorter than its
 * 16-element kernel do: the quasi-Newton methods that follow torch's iterates then agree with
 * them bit for bit on small problems instead of drifting apart by rounding.
 */
final class Vec {
    private Vec() {
    }

    private static final class Kernels {
        double[] x;
        double[] y;
        double a;

        final Loop axpy = new Loop() {
            @Override
            protected void range(int lo, int hi) {
                double[] xs = x;
                double[] ys = y;
                double s = a;
                for (int i = lo; i < hi; i++) {
                    ys[i] = Math.fma(s, xs[i], ys[i]);
                }
            }
        };
        final Loop scale = new Loop() {
            @Override
            protected void range(int lo, int hi) {
                double[] xs = x;
                double s = a;
                for (int i = lo; i < hi; i++) {
                    xs[i] *= s;
                }
            }
        };
        final Loop.Sum squares = new Loop.Sum() {
            @Override
            protected double partial(int lo, int hi) {
                double[] xs = x;
                double s = 0;
                for (int i = lo; i < hi; i++) {
                    s += xs[i] * xs[i];
                }
                return s;
            }
        };
        final Loop.Sum dot = new Loop.Sum() {
            @Override
            protected double partial(int lo, int hi) {
                double[] xs = x;
                double[] ys = y;
                double s = 0;
                for (int i = lo; i < hi; i++) {
                    s = Math.fma(xs[i], ys[i], s);
                }
                return s;
            }
        };
        final Loop.Sum zeroTimes = new Loop.Sum() {
            @Override
            protected double partial(int lo, int hi) {
                double[] xs = x;
                double s = 0;
                for (int i = lo; i < hi; i++) {
                    s += xs[i] * 0.0;
                }
                return s;
            }
        };
    }

    private static final ThreadLocal<Kernels> KERNELS = ThreadLocal.withInitial(Kernels::new);

    /** {@code y[lo, hi) += a x[lo, hi)}. */
    static void axpy(double a, double[] x, double[] y, int lo, int hi) {
        Kernels k = KERNELS.get();
        k.a = a;
        k.x = x;
        k.y = y;
        k.axpy.run(lo, hi);
        k.x = k.y = null;
    }

    /** {@code y += x} over the first {@code n} elements. */
    static void add(double[] x, double[] y, int n) {
        axpy(1, x, y, 0, n);
    }

    /** {@code x[lo, hi) *= a}. */
    static void scale(double[] x, double a, int lo, int hi) {
        Kernels k = KERNELS.get();
        k.a = a;
        k.x = x;
        k.scale.run(lo, hi);
        k.x = null;
    }

    /** Sum of squares of {@code x[lo, hi)}. */
    static double sumSquares(double[] x, int lo, int hi) {
        Kernels k = KERNELS.get();
        k.x = x;
        double s = k.squares.sum(lo, hi);
        k.x = null;
        return s;
    }

    /** Euclidean norm of {@code x[0, n)}. */
    static double norm(double[] x, int n) {
        return Math.sqrt(sumSquares(x, 0, n));
    }

    /** Inner product of {@code x[lo, hi)} and {@code y[lo, hi)}. */
    static double dot(double[] x, double[] y, int lo, int hi) {
        Kernels k = KERNELS.get();
        k.x = x;
        k.y = y;
        double s = k.dot.sum(lo, hi);
        k.x = k.y = null;
        return s;
    }

    /**
     * The inner products of {@code u} and {@code v} with {@code p} and {@code q} over {@code [0, n)}:
     * {@code out[0..3] = u.p, u.q, v.p, v.q}, each equal bit for bit to {@link #dot} (the same
     * multiply-adds in the same order), computed in one pass as independent chains, which a core
     * overlaps where one {@link #dot} at a time waits on each multiply-add's latency. With
     * {@code p2, q2} non-null it also writes {@code out[4..7] = u.p2, u.q2, v.p2, v.q2} in the same
     * pass. Ranges long enough for {@link #dot} to split across threads take that route.
     */
    static void crossDots(double[] u, double[] v, double[] p, double[] q, double[] p2, double[] q2, int n, double[] out) {
        boolean two = p2 != null;
        if (n >= Loop.PARALLEL_MIN) {
            out[0] = dot(u, p, 0, n);
            out[1] = dot(u, q, 0, n);
            out[2] = dot(v, p, 0, n);
            out[3] = dot(v, q, 0, n);
            if (two) {
                out[4] = dot(u, p2, 0, n);
                out[5] = dot(u, q2, 0, n);
                out[6] = dot(v, p2, 0, n);
                out[7] = dot(v, q2, 0, n);
            }
            return;
        }
        int k = two ? 8 : 4;
        java.util.Arrays.fill(out, 0, k, 0.0);
        for (int lo = 0; lo < n; lo += Loop.BLOCK) {
            int hi = Math.min(n, lo + Loop.BLOCK);
            if (two) {
                crossBlock8(u, v, p, q, p2, q2, lo, hi, out);
            } else {
                crossBlock4(u, v, p, q, lo, hi, out);
            }
        }
    }

    /** Adds one block's four partial sums to {@code out[0..3]}, as {@link Loop.Sum} adds its partials. */
    private static void crossBlock4(double[] u, double[] v, double[] p, double[] q, int lo, int hi, double[] out) {
        double up = 0;
        double uq = 0;
        double vp = 0;
        double vq = 0;
        for (int i = lo; i < hi; i++) {
            double ui = u[i];
            double vi = v[i];
            double pi = p[i];
            double qi = q[i];
            up = Math.fma(ui, pi, up);
            uq = Math.fma(ui, qi, uq);
            vp = Math.fma(vi, pi, vp);
            vq = Math.fma(vi, qi, vq);
        }
        out[0] += up;
        out[1] += uq;
        out[2] += vp;
        out[3] += vq;
    }

    /** Adds one block's eight partial sums to {@code out[0..7]}. */
    private static void crossBlock8(double[] u, double[] v, double[] p, double[] q, double[] p2, double[] q2, int lo, int hi,
            double[] out) {
        double up = 0;
        double uq = 0;
        double vp = 0;
        double vq = 0;
        double up2 = 0;
        double uq2 = 0;
        double vp2 = 0;
        double vq2 = 0;
        for (int i = lo; i < hi; i++) {
            double ui = u[i];
            double vi = v[i];
            double pi = p[i];
            double qi = q[i];
            double pi2 = p2[i];
            double qi2 = q2[i];
            up = Math.fma(ui, pi, up);
            uq = Math.fma(ui, qi, uq);
            vp = Math.fma(vi, pi, vp);
            vq = Math.fma(vi, qi, vq);
            up2 = Math.fma(ui, pi2, up2);
            uq2 = Math.fma(ui, qi2, uq2);
            vp2 = Math.fma(vi, pi2, vp2);
            vq2 = Math.fma(vi, qi2, vq2);
        }
        out[0] += up;
        out[1] += uq;
        out[2] += vp;
        out[3] += vq;
        out[4] += up2;
        out[5] += uq2;
        out[6] += vp2;
        out[7] += vq2;
    }

    /** True if every element of {@code x[lo, hi)} is finite. */
    static boolean allFinite(double[] x, int lo, int hi) {
        Kernels k = KERNELS.get();
        k.x = x;
        double s = k.zeroTimes.sum(lo, hi);
        k.x = null;
        return s == 0;
    }

    /**
     * The sign of {@code x}: 1, -1, or {@code x} itself for a zero. Loops calling this form ran
     * about 5x faster than with {@link Math#signum} in a measurement on this project's machine.
     */
    static double sign(double x) {
        return Math.copySign(x != 0 ? 1.0 : 0.0, x);
    }

    /** Index of the first NaN or infinite element of {@code x[0, n)}, or -1. */
    static int firstNonFinite(double[] x, int n) {
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i])) {
                return i;
            }
        }
        return -1;
    }
}
