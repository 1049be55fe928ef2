package descent.constrained;

import descent.optim.Iterate;
import descent.optim.Method;
import descent.optim.State;
import descent.optim.Stop;
import descent.tensor.ParamLayout;

/**
 * Frank–Wolfe with away steps (Wolfe, 1970; Lacoste-Julien and Jaggi, 2015, Algorithm 1) on the
 * simplex {@code {x >= 0, sum x = r}}, whose vertices are {@code r e_i} and whose active set is the
 * support of {@code x} with weights {@code x_i / r}. Each iteration compares the Frank–Wolfe
 * direction {@code r e_s - x} ({@code s = argmin g_i}) with the away direction {@code x - r e_a}
 * ({@code a = argmax_{x_i > 0} g_i}) and takes the steeper, with the adaptive short step of
 * {@link FrankWolfe} capped at 1 or at {@code x_a / (r - x_a)} (a drop step that removes {@code a}
 * from the support). On a strongly convex objective it converges linearly, where plain
 * Frank–Wolfe zigzags at the rate {@code 1/t} when the optimum lies on a face.
 *
 * <p>The pairwise variant (Lacoste-Julien and Jaggi, 2015, Algorithm 2) instead moves weight from
 * the away vertex straight to the Frank–Wolfe vertex, {@code d = r (e_s - e_a)}, with
 * {@code gamma <= x_a / r}; it also converges linearly, usually in fewer iterations. The measure
 * is the Frank–Wolfe gap.
 */
final class AwayStepFrankWolfe implements Method {
    private final ConvexSet set;
    private final double radius;
    private final double tolerance;
    private final boolean pairwise;

    AwayStepFrankWolfe(double radius, double tolerance, boolean pairwise) {
        this.set = new Simplex(radius);
        this.radius = radius;
        this.pairwise = pairwise;
        this.tolerance = Arg.nonNegative(kind(), "tolerance", tolerance);
    }

    private String kind() {
        return pairwise ? "pairwiseFrankWolfe" : "awayStepFrankWolfe";
    }

    @Override
    public String name() {
        return kind() + "(" + set.name() + ")";
    }

    private static final class AwayState extends State {
        final double[] lipschitz = doubles("lipschitz", 1);
        final double[] d;
        final double[] y;
        final double[] gy;

        AwayState(String kind, int n) {
            super(kind);
            d = new double[n];
            y = new double[n];
            gy = new double[n];
        }
    }

    @Override
    public State init(ParamLayout layout, Iterate start) {
        start.requireUnbounded(name());
        AwayState st = new AwayState(kind(), start.dimension());
        st.lipschitz[0] = 1;
        Starts.feasible(set, start, st.y, st.gy);
        return st;
    }

    @Override
    public Stop.Reason step(Iterate it, State state) {
        AwayState st = (AwayState) state;
        double[] x = it.x();
        double[] g = it.gradient();
        int n = x.length;
        int s = 0;
        int a = -1;
        double gx = 0;
        for (int i = 0; i < n; i++) {
            gx += g[i] * x[i];
            if (g[i] < g[s]) {
                s = i;
            }
            if (x[i] > 0 && (a < 0 || g[i] > g[a])) {
                a = i;
            }
        }
        double fwGap = gx - radius * g[s];
        double awayGap = radius * g[a] - gx;
        it.measure(fwGap);
        if (fwGap <= tolerance) {
            return Stop.Reason.STATIONARY;
        }
        boolean away = !pairwise && awayGap > fwGap && x[a] < radius;
        double gammaMax;
        if (pairwise) {
            if (s == a) {
                return Stop.Reason.STATIONARY;
            }
            java.util.Arrays.fill(st.d, 0);
            st.d[s] = radius;
            st.d[a] -= radius;
            gammaMax = x[a] / radius;
        } else if (away) {
            for (int i = 0; i < n; i++) {
                st.d[i] = x[i];
            }
            st.d[a] -= radius;
            gammaMax = x[a] / (radius - x[a]);
        } else {
            for (int i = 0; i < n; i++) {
                st.d[i] = -x[i];
            }
            st.d[s] += radius;
            gammaMax = 1;
        }
        boolean drop = pairwise || away;
        double slope = 0;
        double dd = 0;
        for (int i = 0; i < n; i++) {
            slope += g[i] * st.d[i];
            dd += st.d[i] * st.d[i];
        }
        double f = it.value();
        double l = st.lipschitz[0] * 0.9;
        double gamma;
        double fy;
        int trial = 0;
        while (true) {
            gamma = Math.min(-slope / (l * dd), gammaMax);
            for (int i = 0; i < n; i++) {
                st.y[i] = Math.max(x[i] + gamma * st.d[i], 0);
            }
            if (drop && gamma == gammaMax) {
                st.y[a] = 0;
            }
            fy = it.valueAndGrad(st.y, st.gy);
            if (fy <= f + gamma * slope + 0.5 * gamma * gamma * l * dd + 1e-14 * Math.abs(f)) {
                break;
            }
            if (++trial == 60) {
                return Stop.Reason.LINE_SEARCH_FAILED;
            }
            l *= 2;
        }
        st.lipschitz[0] = l;
        it.stepLength(gamma);
        it.moveTo(st.y, fy, st.gy);
        return null;
    }
}
