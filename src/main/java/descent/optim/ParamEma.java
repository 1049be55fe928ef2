package descent.optim;

import descent.tensor.ParamLayout;

/**
 * An exponential moving average of the parameters, kept beside any optimizer:
 * {@code ema = decay ema + (1 - decay) p} after every step, starting from the initial parameters.
 * The average is the run's {@linkplain Transform#evaluationPoint evaluation point} (what
 * {@link Minimize} reports), and is available from the state with {@link #average(State)}.
 */
final class ParamEma implements Transform {
    private final Transform inner;
    private final Hyper decay;

    ParamEma(Transform inner, Schedule decay) {
        if (inner == null) {
            throw new IllegalArgumentException("paramEma: the inner transform is null");
        }
        this.inner = inner;
        this.decay = Hyper.of("paramEma", "decay", decay, Hyper.Range.UNIT_CLOSED);
    }

    /** The state: the average, the step count and the inner state. */
    static final class EmaState extends State {
        final double[] ema;
        final long[] count = longs("count", 1);
        double[] p;
        double[] u;
        double d;
        final Loop mix = new Loop() {
            @Override
            protected void range(int lo, int hi) {
                double[] e = ema;
                double[] x = p;
                double[] du = u;
                double a = d;
                if (du == null) {
                    for (int i = lo; i < hi; i++) {
                        e[i] = a * e[i] + (1 - a) * x[i];
                    }
                } else {
                    for (int i = lo; i < hi; i++) {
                        e[i] = a * e[i] + (1 - a) * (x[i] + du[i]);
                    }
                }
            }
        };

        EmaState(double[] params) {
            super("paramEma");
            ema = doubles("ema", params.length);
            System.arraycopy(params, 0, ema, 0, params.length);
        }

        void mix(double[] params, double[] updates, double decay) {
            p = params;
            u = updates;
            d = decay;
            mix.run(params.length);
            p = u = null;
        }
    }

    /**
     * The averaged parameters held by the first parameter-EMA state found in {@code state}.
     *
     * @throws IllegalArgumentException if the optimizer has no parameter EMA
     */
    static double[] average(State state) {
        EmaState s = state.find(EmaState.class);
        if (s == null) {
            throw new IllegalArgumentException("paramEma: this optimizer state has no parameter EMA: " + state);
        }
        return s.ema;
    }

    @Override
    public State init(ParamLayout layout, double[] params) {
        EmaState s = new EmaState(params);
        s.child(inner.init(layout, params));
        return s;
    }

    @Override
    public void update(double[] updates, State state, double[] params, Context context) {
        EmaState s = (EmaState) state;
        inner.update(updates, s.children().get(0), params, context);
        s.mix(params, updates, decay.at(s.count[0]++));
    }

    @Override
    public void step(double[] grads, State state, double[] params, Context context) {
        EmaState s = (EmaState) state;
        inner.step(grads, s.children().get(0), params, context);
        s.mix(params, null, decay.at(s.count[0]++));
    }

    @Override
    public double learningRate(State state) {
        return inner.learningRate(state.children().get(0));
    }

    @Override
    public boolean skipsNonFinite() {
        return inner.skipsNonFinite();
    }

    @Override
    public void evaluationPoint(State state, double[] params, double[] out) {
        double[] e = ((EmaState) state).ema;
        System.arraycopy(e, 0, out, 0, e.length);
    }
}
