package descent.constrained;

import descent.optim.Iterate;
import descent.optim.Method;
import descent.optim.State;
import descent.optim.Stop;
import descent.tensor.ParamLayout;

/**
 * Proximal gradient descent (ISTA) and its accelerated form FISTA (Beck and Teboulle, 2009) for
 * {@code F(x) = f(x) + h(x)} with {@code f} smooth (the run's objective) and {@code h} a
 * {@link Penalty}: {@code x+ = prox_{t h}(y - t grad f(y))}, with {@code y = x} for ISTA and
 * {@code y = x_k + ((theta_k - 1) / theta_{k+1}) (x_k - x_{k-1})},
 * {@code theta_{k+1} = (1 + sqrt(1 + 4 theta_k^2)) / 2} for FISTA.
 *
 * <p>With backtracking, {@code t} is halved until
 * {@code f(x+) <= f(y) + <grad f(y), x+ - y> + |x+ - y|^2 / (2t)} (never increased, as the
 * convergence theory assumes; where differences of {@code f} are lost to rounding, the test is
 * made on gradients, {@code <grad f(x+) - grad f(y), x+ - y> <= |x+ - y|^2 / t}); with a fixed step
 * it is kept. With restart, an accelerated step
 * that increases {@code F} resets the momentum and is redone from {@code y = x_k} (monotone, after
 * O'Donoghue and Candès, 2015). The iterate's value is {@code F}, not {@code f}; the method's
 * measure is the gradient mapping's norm {@code |x - prox_{t h}(x - t grad f(x))| / t}.
 */
final class ProximalGradient implements Method {
    private final Penalty penalty;
    private final boolean accelerated;
    private final boolean backtracking;
    private final boolean restart;
    private final double initialStep;
    private final double tolerance;

    ProximalGradient(Penalty penalty, boolean accelerated, boolean backtracking, boolean restart, double initialStep,
                     double tolerance) {
        String who = accelerated ? "fista" : "proximalGradient";
        if (penalty == null) {
            throw new IllegalArgumentException(who + ": the penalty is null");
        }
        this.penalty = penalty;
        this.accelerated = accelerated;
        this.backtracking = backtracking;
        this.restart = restart;
        this.initialStep = Arg.positive(who, "step", initialStep);
        this.tolerance = Arg.nonNegative(who, "tolerance", tolerance);
    }

    @Override
    public String name() {
        return (accelerated ? "fista(" : "proximalGradient(") + penalty.name() + ")";
    }

    private static final class ProxState extends State {
        /** Step t, smooth value f(x), theta, momentum coefficient. */
        final double[] scalars = doubles("scalars", 4);
        final double[] previous;
        final double[] y;
        final double[] gy;
        final double[] z;
        final double[] gz;

        ProxState(int n, boolean accelerated) {
            super(accelerated ? "fista" : "proximalGradient");
            previous = accelerated ? doubles("previous", n) : null;
            y = new double[n];
            gy = new double[n];
            z = new double[n];
            gz = new double[n];
        }
    }

    @Override
    public State init(ParamLayout layout, Iterate start) {
        start.requireUnbounded(name());
        int n = start.dimension();
        ProxState st = new ProxState(n, accelerated);
        double[] x = start.x();
        double f = start.value();
        double h = penalty.value(x);
        if (!Double.isFinite(h)) {
            System.arraycopy(x, 0, st.z, 0, n);
            penalty.prox(st.z, initialStep);
            h = penalty.value(st.z);
            if (!Double.isFinite(h)) {
                throw new IllegalArgumentException(name() + ": the penalty is " + h + " at the start and at its prox");
            }
            f = start.valueAndGrad(st.z, st.gz);
            if (!Double.isFinite(f)) {
                throw new IllegalArgumentException(name() + ": the objective is " + f + " at the prox of the start point");
            }
            start.moveTo(st.z, f + h, st.gz);
        } else {
            start.moveTo(x, f + h, start.gradient());
        }
        st.scalars[0] = initialStep;
        st.scalars[1] = f;
        st.scalars[2] = 1;
        if (accelerated) {
            System.arraycopy(start.x(), 0, st.previous, 0, n);
        }
        return st;
    }

    @Override
    public Stop.Reason step(Iterate it, State state) {
        ProxState st = (ProxState) state;
        double[] x = it.x();
        double[] g = it.gradient();
        int n = x.length;
        double t = st.scalars[0];
        double fx = st.scalars[1];
        double bigF = it.value();
        double[] z = st.z;
        for (int i = 0; i < n; i++) {
            z[i] = x[i] - t * g[i];
        }
        penalty.prox(z, t);
        double mapping = 0;
        for (int i = 0; i < n; i++) {
            double d = x[i] - z[i];
            mapping += d * d;
        }
        mapping = Math.sqrt(mapping) / t;
        it.measure(mapping);
        if (mapping <= tolerance) {
            return Stop.Reason.STATIONARY;
        }
        double beta = accelerated ? st.scalars[3] : 0;
        for (int attempt = 0; attempt < 2; attempt++) {
            double[] y;
            double[] gy;
            double fy;
            if (beta == 0) {
                y = x;
                gy = g;
                fy = fx;
            } else {
                y = st.y;
                gy = st.gy;
                for (int i = 0; i < n; i++) {
                    y[i] = x[i] + beta * (x[i] - st.previous[i]);
                }
                fy = it.valueAndGrad(y, gy);
            }
            double fz = Double.NaN;
            boolean accepted = false;
            for (int trial = 0; trial < 60 && !accepted; trial++) {
                for (int i = 0; i < n; i++) {
                    z[i] = y[i] - t * gy[i];
                }
                penalty.prox(z, t);
                fz = it.valueAndGrad(z, st.gz);
                if (!backtracking) {
                    accepted = true;
                    break;
                }
                if (Starts.sufficientDecrease(fy, fz, gy, st.gz, y, z, t)) {
                    accepted = true;
                } else {
                    t *= 0.5;
                }
            }
            if (!accepted) {
                return Stop.Reason.LINE_SEARCH_FAILED;
            }
            double fNew = fz + penalty.value(z);
            if (accelerated && restart && beta != 0 && fNew > bigF) {
                st.scalars[2] = 1;
                beta = 0;
                continue;
            }
            if (accelerated) {
                System.arraycopy(x, 0, st.previous, 0, n);
                double theta = st.scalars[2];
                double next = (1 + Math.sqrt(1 + 4 * theta * theta)) / 2;
                st.scalars[3] = (theta - 1) / next;
                st.scalars[2] = next;
            }
            st.scalars[0] = t;
            st.scalars[1] = fz;
            it.stepLength(t);
            it.moveTo(z, fNew, st.gz);
            return null;
        }
        throw new IllegalStateException(name() + ": a restarted step from y = x cannot restart again");
    }
}
