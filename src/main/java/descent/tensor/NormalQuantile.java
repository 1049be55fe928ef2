package descent.tensor;

/**
 * The standard normal quantile function Phi^-1(p), by Wichura's algorithm AS 241 (PPND16,
 * Applied Statistics 37(3), 477-484, 1988): rational functions of degree 7/7 in three regions,
 * with a relative error near 1e-16. For |p - 1/2| &lt;= 0.425 it is q R(0.180625 - q^2) with
 * q = p - 1/2; in the tails it is a rational function of r = sqrt(-log(min(p, 1 - p))), shifted
 * by 1.6 for r &lt;= 5 and by 5 beyond, with the sign of q. The tails never form 1 - p for
 * p &lt; 1/2, so small probabilities keep their full precision.
 */
final class NormalQuantile {
    /** Half-width of the central region in q = p - 1/2. */
    private static final double CENTRAL = 0.425;

    private NormalQuantile() {
    }

    /** Phi^-1(p) for p in (0, 1); -infinity at 0, +infinity at 1, NaN outside [0, 1]. */
    static double of(double p) {
        if (!(p > 0 && p < 1)) {
            return p == 0 ? Double.NEGATIVE_INFINITY : p == 1 ? Double.POSITIVE_INFINITY : Double.NaN;
        }
        double q = p - 0.5;
        return Math.abs(q) <= CENTRAL ? central(q) : tail(p, q);
    }

    /**
     * {@code z[j] = Phi^-1(p[j])} for j &lt; n, the same bits as {@link #of} element by element. The
     * central formula runs over all elements in a loop without branches, which the JIT vectorizes
     * (both arrays indexed alike, so that it may); the elements outside the central region (about
     * 15% of uniform draws) are then gathered into {@code tails} (room for n) and recomputed in
     * the same way: the logarithm one by one, the square root and the rational function for r
     * &lt;= 5 in branch-free loops over the gathered values (held in {@code r} and {@code s}, room
     * for n each), and only the rare r &gt; 5 (p below about 1.4e-11) and non-finite cases through
     * {@link #of}.
     */
    static void apply(double[] p, double[] z, int[] tails, double[] r, double[] s, int n) {
        for (int j = 0; j < n; j++) {
            z[j] = central(p[j] - 0.5);
        }
        int t = 0;
        for (int j = 0; j < n; j++) {
            tails[t] = j;
            t += Math.abs(p[j] - 0.5) <= CENTRAL ? 0 : 1;
        }
        for (int k = 0; k < t; k++) {
            double pk = p[tails[k]];
            r[k] = -Math.log(pk < 0.5 ? pk : 1 - pk);
        }
        for (int k = 0; k < t; k++) {
            r[k] = Math.sqrt(r[k]);
        }
        for (int k = 0; k < t; k++) {
            s[k] = nearTail(r[k] - 1.6);
        }
        for (int k = 0; k < t; k++) {
            int j = tails[k];
            double q = p[j] - 0.5;
            z[j] = !(r[k] <= 5) ? of(p[j]) : q < 0 ? -s[k] : s[k];
        }
    }

    /** Phi^-1(1/2 + q) for |q| &lt;= 0.425. */
    private static double central(double q) {
        double r = 0.180625 - q * q;
        double num = ((((((2.5090809287301226727e+3 * r + 3.3430575583588128105e+4) * r
                + 6.7265770927008700853e+4) * r + 4.5921953931549871457e+4) * r + 1.3731693765509461125e+4) * r
                + 1.9715909503065514427e+3) * r + 1.3314166789178437745e+2) * r + 3.3871328727963666080e0;
        double den = ((((((5.2264952788528545610e+3 * r + 2.8729085735721942674e+4) * r
                + 3.9307895800092710610e+4) * r + 2.1213794301586595867e+4) * r + 5.3941960214247511077e+3) * r
                + 6.8718700749205790830e+2) * r + 4.2313330701600911252e+1) * r + 1.0;
        return q * num / den;
    }

    /** Phi^-1(p) for p = 1/2 + q outside the central region. */
    private static double tail(double p, double q) {
        double r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
        double z = r <= 5 ? nearTail(r - 1.6) : farTail(r - 5);
        return q < 0 ? -z : z;
    }

    /** |Phi^-1| in the tails for r = sqrt(-log(min(p, 1 - p))) &lt;= 5, at r - 1.6. */
    private static double nearTail(double r) {
        double num = ((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r
                + 2.41780725177450611770e-1) * r + 1.27045825245236838258e0) * r + 3.64784832476320460504e0) * r
                + 5.76949722146069140550e0) * r + 4.63033784615654529590e0) * r + 1.42343711074968357734e0;
        double den = ((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r
                + 1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r + 6.89767334985100004550e-1) * r
                + 1.67638483018380384940e0) * r + 2.05319162663775882187e0) * r + 1.0;
        return num / den;
    }

    /** |Phi^-1| in the far tails, r &gt; 5, at r - 5. */
    private static double farTail(double r) {
        double num = ((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r
                + 1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r + 2.96560571828504891230e-1) * r
                + 1.78482653991729133580e0) * r + 5.46378491116411436990e0) * r + 6.65790464350110377720e0;
        double den = ((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r
                + 1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r + 1.48753612908506148525e-2) * r
                + 1.36929880922735805310e-1) * r + 5.99832206555887937690e-1) * r + 1.0;
        return num / den;
    }
}
