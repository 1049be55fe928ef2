package descent.optim;

import descent.tensor.ParamLayout;
import descent.tensor.Shape;

/**
 * Adafactor (Shazeer and Stern 2018) in the form of the widely used Hugging Face implementation.
 * For a leaf of rank at least 2, viewed as a batch of {@code R x C} matrices (the last two axes),
 * the second moment is factored into row and column averages; other leaves keep a full one:
 * <pre>
 * b2_t = 1 - t^decayRate,   q = g^2 + eps1
 * rows = b2_t rows + (1 - b2_t) mean_cols(q),   cols = b2_t cols + (1 - b2_t) mean_rows(q)
 * u = g / sqrt(rows_i / mean(rows) * cols_j)        (unfactored: v = b2_t v + (1 - b2_t) q, u = g / sqrt(v))
 * u = u / max(1, rms(u) / clipThreshold)
 * alpha = relativeStep ? min(1e-2, 1 / sqrt(t)) : lr;   alpha *= max(eps2, rms(p)) if scaleParameter
 * u = alpha u   (with beta1 > 0: m = beta1 m + (1 - beta1) u, u = m)
 * p = p - alpha wd p - u
 * </pre>
 * with {@code t} the 1-based step.
 */
final class Adafactor implements Transform {
    private final double lr;
    private final double eps1;
    private final double eps2;
    private final double clipThreshold;
    private final double decayRate;
    private final double beta1;
    private final double weightDecay;
    private final boolean scaleParameter;
    private final boolean relativeStep;

    Adafactor(double lr, double eps1, double eps2, double clipThreshold, double decayRate, double beta1, double weightDecay,
            boolean scaleParameter, boolean relativeStep) {
        this.relativeStep = relativeStep;
        this.lr = relativeStep ? Double.NaN : Hyper.check("adafactor", "lr", lr, Hyper.Range.NON_NEGATIVE);
        this.eps1 = Hyper.check("adafactor", "eps1", eps1, Hyper.Range.POSITIVE);
        this.eps2 = Hyper.check("adafactor", "eps2", eps2, Hyper.Range.NON_NEGATIVE);
        this.clipThreshold = Hyper.check("adafactor", "clipThreshold", clipThreshold, Hyper.Range.POSITIVE);
        this.decayRate = Hyper.check("adafactor", "decayRate", decayRate, Hyper.Range.closed(-1, 0));
        this.beta1 = Hyper.check("adafactor", "beta1", beta1, Hyper.Range.UNIT);
        this.weightDecay = Hyper.check("adafactor", "weightDecay", weightDecay, Hyper.Range.NON_NEGATIVE);
        this.scaleParameter = scaleParameter;
    }

    private final class FactorState extends State {
        final long[] count = longs("count", 1);
        final ParamLayout layout;
        final int[] batches;
        final int[] rows;
        final int[] cols;
        final double[][] rowStats;
        final double[][] colStats;
        final double[][] full;
        final double[] m;
        final double[] rowFactor;
        final double[] colFactor;

        FactorState(ParamLayout layout) {
            super("adafactor");
            this.layout = layout;
            int k = layout.leafCount();
            batches = new int[k];
            rows = new int[k];
            cols = new int[k];
            rowStats = new double[k][];
            colStats = new double[k][];
            full = new double[k][];
            int maxRows = 0;
            int maxCols = 0;
            for (int i = 0; i < k; i++) {
                Shape s = layout.shape(i);
                if (s.rank() >= 2) {
                    rows[i] = s.dim(-2);
                    cols[i] = s.dim(-1);
                    batches[i] = s.size() / Math.max(1, rows[i] * cols[i]);
                    rowStats[i] = doubles("row" + i, batches[i] * rows[i]);
                    colStats[i] = doubles("col" + i, batches[i] * cols[i]);
                    maxRows = Math.max(maxRows, rows[i]);
                    maxCols = Math.max(maxCols, cols[i]);
                } else {
                    full[i] = doubles("v" + i, layout.size(i));
                }
            }
            m = beta1 > 0 ? doubles("m", layout.size()) : null;
            rowFactor = new double[maxRows];
            colFactor = new double[maxCols];
        }
    }

    @Override
    public State init(ParamLayout layout, double[] params) {
        return new FactorState(layout);
    }

    private double stepSize(long k, double[] p, int lo, int hi) {
        double alpha = relativeStep ? Math.min(1e-2, 1 / Math.sqrt(k)) : lr;
        if (scaleParameter) {
            alpha *= Math.max(eps2, Math.sqrt(Vec.sumSquares(p, lo, hi) / (hi - lo)));
        }
        return alpha;
    }

    private void run(double[] g, FactorState s, double[] p, boolean apply) {
        long k = ++s.count[0];
        double b2 = 1 - Math.pow(k, decayRate);
        ParamLayout l = s.layout;
        for (int leaf = 0; leaf < l.leafCount(); leaf++) {
            int lo = l.offset(leaf);
            int hi = lo + l.size(leaf);
            if (hi == lo) {
                continue;
            }
            double alpha = stepSize(k, p, lo, hi);
            if (s.full[leaf] != null) {
                double[] v = s.full[leaf];
                for (int i = lo; i < hi; i++) {
                    double vi = b2 * v[i - lo] + (1 - b2) * (g[i] * g[i] + eps1);
                    v[i - lo] = vi;
                    g[i] = g[i] / Math.sqrt(vi);
                }
            } else {
                factored(g, s, leaf, lo, b2);
            }
            double rms = Math.sqrt(Vec.sumSquares(g, lo, hi) / (hi - lo));
            double scale = alpha / Math.max(1, rms / clipThreshold);
            for (int i = lo; i < hi; i++) {
                double u = scale * g[i];
                if (s.m != null) {
                    u = beta1 * s.m[i] + (1 - beta1) * u;
                    s.m[i] = u;
                }
                double d = -u - alpha * weightDecay * p[i];
                if (apply) {
                    p[i] += d;
                } else {
                    g[i] = d;
                }
            }
        }
    }

    private void factored(double[] g, FactorState s, int leaf, int lo, double b2) {
        int rows = s.rows[leaf];
        int cols = s.cols[leaf];
        double[] rs = s.rowStats[leaf];
        double[] cs = s.colStats[leaf];
        double[] rf = s.rowFactor;
        double[] cf = s.colFactor;
        for (int b = 0; b < s.batches[leaf]; b++) {
            int base = lo + b * rows * cols;
            java.util.Arrays.fill(cf, 0, cols, 0.0);
            double rowSum = 0;
            for (int i = 0; i < rows; i++) {
                double acc = 0;
                int at = base + i * cols;
                for (int j = 0; j < cols; j++) {
                    double q = g[at + j] * g[at + j] + eps1;
                    acc += q;
                    cf[j] += q;
                }
                double r = b2 * rs[b * rows + i] + (1 - b2) * (acc / cols);
                rs[b * rows + i] = r;
                rowSum += r;
            }
            double rowMean = rowSum / rows;
            for (int i = 0; i < rows; i++) {
                rf[i] = 1 / Math.sqrt(rs[b * rows + i] / rowMean);
            }
            for (int j = 0; j < cols; j++) {
                double c = b2 * cs[b * cols + j] + (1 - b2) * (cf[j] / rows);
                cs[b * cols + j] = c;
                cf[j] = 1 / Math.sqrt(c);
            }
            for (int i = 0; i < rows; i++) {
                int at = base + i * cols;
                for (int j = 0; j < cols; j++) {
                    g[at + j] *= rf[i] * cf[j];
                }
            }
        }
    }

    @Override
    public void update(double[] updates, State state, double[] params, Context context) {
        run(updates, (FactorState) state, params, false);
    }

    @Override
    public void step(double[] grads, State state, double[] params, Context context) {
        run(grads, (FactorState) state, params, true);
    }

    @Override
    public double learningRate(State state) {
        long k = ((FactorState) state).count[0] + 1;
        return relativeStep ? Math.min(1e-2, 1 / Math.sqrt(k)) : lr;
    }
}
