package descent.optim;

import descent.tensor.ParamLayout;
import descent.tensor.Shape;

/**
 * Adam-mini (Zhang et al. 2024): Adam with one second-moment value per block of parameters
 * instead of per parameter, the blocks given by a {@link BlockPartition}. With decoupled weight
 * decay as in the authors' implementation, for an element in block {@code b}:
 * <pre>
 * m = b1 m + (1 - b1) g
 * v_b = b2 v_b + (1 - b2) mean_{j in b} g_j^2
 * p = p - lr wd p - lr / (1 - b1^t) m / (sqrt(v_b) / sqrt(1 - b2^t) + eps)
 * </pre>
 * The state holds {@code m} and one value per block, about half of AdamW's.
 */
final class AdamMini implements Transform {
    private final Hyper lr;
    private final Hyper beta1;
    private final Hyper beta2;
    private final Hyper eps;
    private final Hyper weightDecay;
    private final BlockPartition partition;

    AdamMini(Schedule lr, Schedule beta1, Schedule beta2, Schedule eps, Schedule weightDecay, BlockPartition partition) {
        this.lr = Hyper.of("adamMini", "lr", lr, Hyper.Range.NON_NEGATIVE);
        this.beta1 = Hyper.of("adamMini", "beta1", beta1, Hyper.Range.UNIT);
        this.beta2 = Hyper.of("adamMini", "beta2", beta2, Hyper.Range.UNIT);
        this.eps = Hyper.of("adamMini", "eps", eps, Hyper.Range.POSITIVE);
        this.weightDecay = Hyper.of("adamMini", "weightDecay", weightDecay, Hyper.Range.NON_NEGATIVE);
        if (partition == null) {
            throw new IllegalArgumentException("adamMini: the block partition is null");
        }
        this.partition = partition;
    }

    private final class MiniState extends State {
        final long[] count = longs("count", 1);
        final double[] m;
        final double[] v;
        final ParamLayout layout;
        final BlockPartition.Blocks[] blocks;
        final int[] rows;
        final int[] cols;
        final int[] vOffset;
        final double[] scratch;

        MiniState(ParamLayout layout) {
            super("adamMini");
            this.layout = layout;
            int k = layout.leafCount();
            blocks = new BlockPartition.Blocks[k];
            rows = new int[k];
            cols = new int[k];
            vOffset = new int[k + 1];
            int maxBlocks = 0;
            for (int i = 0; i < k; i++) {
                Shape s = layout.shape(i);
                cols[i] = s.rank() >= 2 ? s.dim(-1) : s.size();
                rows[i] = cols[i] == 0 ? 0 : s.size() / cols[i];
                BlockPartition.Blocks b = partition.blocksOf(layout.path(i), s);
                if (b == null) {
                    throw new IllegalArgumentException("adamMini: the block partition returned null for '" + layout.path(i) + "'");
                }
                blocks[i] = b;
                int count = blockCount(b, rows[i], cols[i], layout.path(i), s);
                vOffset[i + 1] = vOffset[i] + count;
                maxBlocks = Math.max(maxBlocks, count);
            }
            m = doubles("m", layout.size());
            v = doubles("v", vOffset[k]);
            scratch = new double[maxBlocks];
        }
    }

    private static int blockCount(BlockPartition.Blocks b, int rows, int cols, String path, Shape s) {
        int n = rows * cols;
        switch (b.kind()) {
            case WHOLE:
                return n == 0 ? 0 : 1;
            case ELEMENTS:
                return n;
            case ROWS:
                return rows;
            case COLUMNS:
                return cols;
            case ROW_GROUPS:
                requireDivides(b.groups(), rows, "rows", path, s);
                return b.groups();
            default:
                requireDivides(b.groups(), cols, "columns", path, s);
                return b.groups();
        }
    }

    private static void requireDivides(int groups, int n, String what, String path, Shape s) {
        if (groups < 1 || n % groups != 0) {
            throw new IllegalArgumentException("adamMini: leaf '" + path + "' of shape " + s + " has " + n + " " + what
                    + ", which " + groups + " groups do not divide");
        }
    }

    private static int blockOf(BlockPartition.Blocks b, int r, int c, int rows, int cols) {
        switch (b.kind()) {
            case WHOLE:
                return 0;
            case ELEMENTS:
                return r * cols + c;
            case ROWS:
                return r;
            case COLUMNS:
                return c;
            case ROW_GROUPS:
                return r / (rows / b.groups());
            default:
                return c / (cols / b.groups());
        }
    }

    @Override
    public State init(ParamLayout layout, double[] params) {
        return new MiniState(layout);
    }

    private void run(double[] g, MiniState s, double[] p, boolean apply) {
        long t = s.count[0]++;
        double rate = lr.at(t);
        double b1 = beta1.at(t);
        double b2 = beta2.at(t);
        double e = eps.at(t);
        double decay = rate * weightDecay.at(t);
        double step = rate / (1 - Math.pow(b1, t + 1));
        double inv = 1 / Math.sqrt(1 - Math.pow(b2, t + 1));
        double[] sums = s.scratch;
        for (int leaf = 0; leaf < s.blocks.length; leaf++) {
            BlockPartition.Blocks b = s.blocks[leaf];
            int rows = s.rows[leaf];
            int cols = s.cols[leaf];
            int off = s.layout.offset(leaf);
            int nb = s.vOffset[leaf + 1] - s.vOffset[leaf];
            int perBlock = nb == 0 ? 0 : rows * cols / nb;
            java.util.Arrays.fill(sums, 0, nb, 0.0);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    double gi = g[off + r * cols + c];
                    sums[blockOf(b, r, c, rows, cols)] += gi * gi;
                }
            }
            for (int k = 0; k < nb; k++) {
                int at = s.vOffset[leaf] + k;
                double vk = b2 * s.v[at] + (1 - b2) * (sums[k] / perBlock);
                s.v[at] = vk;
                sums[k] = step / (Math.sqrt(vk) * inv + e);
            }
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int i = off + r * cols + c;
                    double mi = b1 * s.m[i] + (1 - b1) * g[i];
                    s.m[i] = mi;
                    double d = -sums[blockOf(b, r, c, rows, cols)] * mi - decay * p[i];
                    if (apply) {
                        p[i] += d;
                    } else {
                        g[i] = d;
                    }
                }
            }
        }
    }

    @Override
    public void update(double[] updates, State state, double[] params, Context context) {
        run(updates, (MiniState) state, params, false);
    }

    @Override
    public void step(double[] grads, State state, double[] params, Context context) {
        run(grads, (MiniState) state, params, true);
    }

    @Override
    public double learningRate(State state) {
        return lr.at(((MiniState) state).count[0]);
    }
}
