package descent.constrained;

import descent.optim.Iterate;
import descent.optim.Method;
import descent.optim.State;
import descent.optim.Stop;
import descent.tensor.ParamLayout;

/**
 * Mirror descent (Nemirovski and Yudin, 1983; Beck and Teboulle, 2003) with a {@link MirrorMap}
 * {@code h} and a fixed step {@code eta}:
 * {@code x+ = argmin_{y in domain} <grad f(x), y> + D_h(y, x) / eta}. If {@code f} is
 * {@code L}-smooth relative to {@code h} ({@code f(y) <= f(x) + <grad f(x), y - x> + L D_h(y, x)})
 * and convex, {@code eta = 1 / L} gives monotone descent and
 * {@code f(x_k) - f* <= L D_h(x*, x_0) / k} (Lu, Freund and Nesterov, 2018). The start is
 * projected onto the map's domain and checked by the map; the measure is the map's
 * ({@link MirrorMap#measure}), and the run stops when it is at most the tolerance.
 */
final class MirrorDescent implements Method {
    private final MirrorMap map;
    private final double eta;
    private final double tolerance;
    private final String name;
    private final String subject;

    /** {@code name} and the map (or, if {@code namedByDomain}, its domain) (the map or its domain) make up the method's name in messages. */
    MirrorDescent(String name, MirrorMap map, boolean namedByDomain, double eta, double tolerance) {
        if (map == null) {
            throw new IllegalArgumentException(name + ": the mirror map is required");
        }
        this.name = name;
        this.subject = namedByDomain ? map.domain().name() : map.name();
        this.map = map;
        this.eta = Arg.positive(name, "eta", eta);
        this.tolerance = Arg.nonNegative(name, "tolerance", tolerance);
    }

    @Override
    public String name() {
        return name + "(" + subject + ", eta=" + eta + ")";
    }

    private static final class MirrorState extends State {
        final double[] y;
        final double[] gy;

        MirrorState(String kind, int n) {
            super(kind);
            y = new double[n];
            gy = new double[n];
        }
    }

    @Override
    public State init(ParamLayout layout, Iterate start) {
        start.requireUnbounded(name());
        MirrorState st = new MirrorState(name, start.dimension());
        if (map.domain() != null) {
            Arg.dimension(map.domain(), map.domain().dimension(), start.dimension());
            Starts.feasible(map.domain(), start, st.y, st.gy);
        }
        try {
            map.checkStart(start.x());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name() + ": " + e.getMessage(), e);
        }
        return st;
    }

    @Override
    public Stop.Reason step(Iterate it, State state) {
        MirrorState st = (MirrorState) state;
        double[] x = it.x();
        double[] g = it.gradient();
        map.step(x, g, eta, st.y);
        double measure = map.measure(x, g, st.y, eta);
        it.measure(measure);
        if (measure <= tolerance) {
            return Stop.Reason.STATIONARY;
        }
        double fy = it.valueAndGrad(st.y, st.gy);
        if (!Double.isFinite(fy)) {
            throw new IllegalStateException(name() + ": the objective is " + fy + " at a point of "
                    + (map.domain() == null ? "the domain" : map.domain().name()));
        }
        it.stepLength(eta);
        it.moveTo(st.y, fy, st.gy);
        return null;
    }
}
