package descent.optim;

import descent.tensor.ParamLayout;

/**
 * Lookahead (Zhang, Lucas, Hinton and Ba 2019): the inner optimizer moves fast weights for
 * {@code k} steps; then the slow weights move a fraction {@code alpha} towards them,
 * {@code slow += alpha (fast - slow)}, and the fast weights restart from the slow ones.
 * The parameters are the fast weights; the slow weights start at the initial parameters.
 */
final class Lookahead implements Transform {
    private final Transform inner;
    private final int k;
    private final Hyper alpha;

    Lookahead(Transform inner, int k, Schedule alpha) {
        if (inner == null) {
            throw new IllegalArgumentException("lookahead: the inner transform is null");
        }
        this.inner = inner;
        this.k = Hyper.checkAtLeast("lookahead", "k", k, 1);
        this.alpha = Hyper.of("lookahead", "alpha", alpha, Hyper.Range.UNIT_CLOSED);
    }

    private static final class LookState extends State {
        final double[] slow;
        final long[] count = longs("count", 1);
        double[] p;
        double[] u;
        double a;
        final Loop sync = new Loop() {
            @Override
            protected void range(int lo, int hi) {
                double[] s = slow;
                double[] x = p;
                double[] d = u;
                double f = a;
                if (d == null) {
                    for (int i = lo; i < hi; i++) {
                        s[i] += f * (x[i] - s[i]);
                        x[i] = s[i];
                    }
                } else {
                    for (int i = lo; i < hi; i++) {
                        s[i] += f * (x[i] + d[i] - s[i]);
                        d[i] = s[i] - x[i];
                    }
                }
            }
        };

        LookState(double[] params) {
            super("lookahead");
            slow = doubles("slow", params.length);
            System.arraycopy(params, 0, slow, 0, params.length);
        }

        void sync(double[] params, double[] updates, double alpha) {
            p = params;
            u = updates;
            a = alpha;
            sync.run(params.length);
            p = u = null;
        }
    }

    @Override
    public State init(ParamLayout layout, double[] params) {
        LookState s = new LookState(params);
        s.child(inner.init(layout, params));
        return s;
    }

    @Override
    public void update(double[] updates, State state, double[] params, Context context) {
        LookState s = (LookState) state;
        inner.update(updates, s.children().get(0), params, context);
        long t = s.count[0]++;
        if ((t + 1) % k == 0) {
            s.sync(params, updates, alpha.at(t));
        }
    }

    @Override
    public void step(double[] grads, State state, double[] params, Context context) {
        LookState s = (LookState) state;
        inner.step(grads, s.children().get(0), params, context);
        long t = s.count[0]++;
        if ((t + 1) % k == 0) {
            s.sync(params, null, alpha.at(t));
        }
    }

    @Override
    public double learningRate(State state) {
        return inner.learningRate(state.children().get(0));
    }

    @Override
    public boolean skipsNonFinite() {
        return inner.skipsNonFinite();
    }
}
