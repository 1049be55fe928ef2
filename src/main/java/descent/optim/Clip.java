package descent.optim;

import descent.tensor.ParamLayout;

/**
 * Clipping of the updates: elementwise to {@code [-c, c]}; per leaf, rescaling a leaf whose
 * Euclidean norm exceeds {@code c} to norm {@code c}; or globally, rescaling all updates together
 * when their joint norm exceeds {@code c} (optax's {@code clip_by_global_norm}: the factor is
 * {@code c / |u|}).
 */
final class Clip implements Transform {
    enum Kind { VALUE, LEAF_NORM, GLOBAL_NORM }

    private final Kind kind;
    private final Hyper bound;

    Clip(Kind kind, Schedule bound) {
        this.kind = kind;
        String name = switch (kind) {
            case VALUE -> "clipByValue";
            case LEAF_NORM -> "clipByNorm";
            case GLOBAL_NORM -> "clipByGlobalNorm";
        };
        this.bound = Hyper.of(name, kind == Kind.VALUE ? "maxValue" : "maxNorm", bound, Hyper.Range.NON_NEGATIVE);
    }

    private static final class ClipState extends State {
        final long[] count = longs("count", 1);
        final ParamLayout layout;
        double[] u;
        double c;
        final Loop clamp = new Loop() {
            @Override
            protected void range(int lo, int hi) {
                double[] x = u;
                double m = c;
                for (int i = lo; i < hi; i++) {
                    x[i] = Math.max(-m, Math.min(m, x[i]));
                }
            }
        };

        ClipState(String kind, ParamLayout layout) {
            super(kind);
            this.layout = layout;
        }
    }

    @Override
    public State init(ParamLayout layout, double[] params) {
        return new ClipState(kind.name().toLowerCase(java.util.Locale.ROOT), layout);
    }

    @Override
    public void update(double[] updates, State state, double[] params, Context context) {
        ClipState s = (ClipState) state;
        double c = bound.at(s.count[0]++);
        switch (kind) {
            case VALUE -> {
                s.u = updates;
                s.c = c;
                s.clamp.run(updates.length);
                s.u = null;
            }
            case LEAF_NORM -> {
                ParamLayout l = s.layout;
                for (int i = 0; i < l.leafCount(); i++) {
                    int lo = l.offset(i);
                    int hi = lo + l.size(i);
                    double norm = Math.sqrt(Vec.sumSquares(updates, lo, hi));
                    if (norm > c) {
                        Vec.scale(updates, c / norm, lo, hi);
                    }
                }
            }
            case GLOBAL_NORM -> {
                double norm = Vec.norm(updates, updates.length);
                if (norm > c) {
                    Vec.scale(updates, c / norm, 0, updates.length);
                }
            }
        }
    }
}
