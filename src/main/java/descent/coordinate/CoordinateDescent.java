package descent.coordinate;

import descent.optim.Iterate;
import descent.optim.Method;
import descent.optim.State;
import descent.optim.Stop;
import descent.tensor.ParamLayout;

/**
 * Coordinate descent: each update picks a coordinate {@code i} by the {@link CoordinateMethods.Rule}
 * and moves {@code x_i <- x_i - g_i / L_i}. On a {@link Quadratic}, {@code L_i = Q_ii} makes this
 * the exact minimization along the coordinate, and the gradient is kept up to date in
 * {@code O(n)} per update; on a general objective, {@code L_i} are the given coordinate-wise
 * Lipschitz constants of the gradient (so each step decreases {@code f} by at least
 * {@code g_i^2 / (2 L_i)}), and the gradient is re-evaluated after every update. Selection rules:
 * cyclic, uniformly random, Gauss–Southwell ({@code argmax |g_i|}) and Gauss–Southwell–Lipschitz
 * ({@code argmax |g_i| / sqrt(L_i)}, Nutini et al., 2015), which on problems with a few dominant
 * coordinates take far fewer updates than a sweep. One {@code Minimize} iteration is {@code n}
 * updates (a sweep); the run stops with {@code STATIONARY} as soon as {@code |grad f| <= tolerance}
 * after an update, so {@link CoordinateState#updates()} counts the updates to reach it exactly.
 */
final class CoordinateDescent implements Method {
    private final Quadratic quadratic;
    private final double[] lipschitz;
    private final CoordinateMethods.Rule rule;
    private final double tolerance;
    private final long seed;

    CoordinateDescent(Quadratic quadratic, double[] lipschitz, CoordinateMethods.Rule rule, double tolerance, long seed) {
        if (rule == null) {
            throw new IllegalArgumentException("coordinateDescent: the selection rule is null");
        }
        if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("coordinateDescent: tolerance must be finite and >= 0, got " + tolerance);
        }
        if (lipschitz != null) {
            for (int i = 0; i < lipschitz.length; i++) {
                if (!(lipschitz[i] > 0) || !Double.isFinite(lipschitz[i])) {
                    throw new IllegalArgumentException("coordinateDescent: lipschitz[" + i + "] must be finite and > 0, got " + lipschitz[i]);
                }
            }
        }
        this.quadratic = quadratic;
        this.lipschitz = lipschitz == null ? null : lipschitz.clone();
        this.rule = rule;
        this.tolerance = tolerance;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "coordinateDescent(" + rule.name().toLowerCase(java.util.Locale.ROOT) + (quadratic != null ? ", exact" : "") + ")";
    }

    private double lipschitz(int i) {
        return quadratic != null ? quadratic.curvature(i) : lipschitz[i];
    }

    @Override
    public State init(ParamLayout layout, Iterate start) {
        start.requireUnbounded(name());
        int n = quadratic != null ? quadratic.dimension() : lipschitz.length;
        start.requireDimension(name(), n, "the problem " + n);
        return new CoordinateState("coordinateDescent", seed);
    }

    private int select(CoordinateState st, double[] g) {
        int n = g.length;
        switch (rule) {
            case CYCLIC:
                return st.nextCyclic(n);
            case RANDOMIZED:
                return st.nextRandom(n);
            default:
                int best = 0;
                double score = -1;
                boolean scaled = rule == CoordinateMethods.Rule.GAUSS_SOUTHWELL_LIPSCHITZ;
                for (int i = 0; i < n; i++) {
                    double s = scaled ? g[i] * g[i] / lipschitz(i) : g[i] * g[i];
                    if (s > score) {
                        score = s;
                        best = i;
                    }
                }
                return best;
        }
    }

    @Override
    public Stop.Reason step(Iterate it, State state) {
        CoordinateState st = (CoordinateState) state;
        double[] x = it.x().clone();
        double[] g = it.gradient().clone();
        int n = x.length;
        double f = it.value();
        double gg = 0;
        for (double v : g) {
            gg += v * v;
        }
        if (Math.sqrt(gg) <= tolerance) {
            return Stop.Reason.STATIONARY;
        }
        Stop.Reason reason = null;
        for (int u = 0; u < n; u++) {
            int i = select(st, g);
            double delta = -g[i] / lipschitz(i);
            x[i] += delta;
            st.counted();
            if (quadratic != null) {
                quadratic.shift(g, i, delta);
            } else {
                f = it.valueAndGrad(x, g);
                if (!Double.isFinite(f)) {
                    throw new IllegalStateException(name() + ": f is " + f + " after updating coordinate " + i + ": lipschitz[" + i
                            + "] = " + lipschitz[i] + " is too small for this objective");
                }
            }
            gg = 0;
            for (double v : g) {
                gg += v * v;
            }
            if (Math.sqrt(gg) <= tolerance) {
                reason = Stop.Reason.STATIONARY;
                break;
            }
        }
        double[] fresh = new double[n];
        f = it.valueAndGrad(x, fresh);
        it.stepLength(1);
        it.moveTo(x, f, fresh);
        return reason;
    }
}
