package descent.optim;

import descent.tensor.ParamLayout;
import descent.tensor.Shape;

/**
 * Shampoo (Gupta, Koren and Singer 2018) with layer-wise grafting to Adam (Agarwal et al. 2020;
 * Anil et al. 2020), on blocks of at most {@code blockSize x blockSize}. Each matrix leaf is cut
 * along both dimensions into consecutive chunks of {@code blockSize} (the last one shorter), as
 * the distributed Shampoo of Shi et al. (2023, {@code max_preconditioner_dim}, default 1024)
 * does, and each block {@code G} ({@code r x c}) has its own factors and its own grafting norm:
 * <pre>
 * L = b2 L + (1 - b2) G G',   R = b2 R + (1 - b2) G'G
 * every {@code every} steps: eigendecompose L and R, giving L^{-1/4} and R^{-1/4}
 * m = b1 m + (1 - b1) g,   v = b2 v + (1 - b2) g^2                    (Adam's moments)
 * A = (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)                   (Adam's direction)
 * S = L^{-1/4} (m / (1 - b1^t)) R^{-1/4}                                (Shampoo's direction)
 * p = p - lr (|A|_F / |S|_F) S
 * </pre>
 * Shampoo gives the direction and Adam the step's length, block by block, so a {@code 10000 x 64}
 * leaf keeps factors of at most {@code blockSize^2}, never {@code 10000^2}; with
 * {@code blockSize} at least the largest dimension a leaf is one block. The inverse roots use the
 * eigenvalues floored at {@code rootEps} times the largest
 * ({@code (lambda + rootEps lambda_max)^{-1/4}}). Leaves that are not matrices take Adam's step.
 * The factors are eigendecomposed by {@link descent.curvature.Eigen#symmetric} (cyclic Jacobi,
 * cubic in the block size).
 */
final class Shampoo implements Transform {
    private final Hyper lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double rootEps;
    private final int every;
    private final int blockSize;

    Shampoo(Schedule lr, double beta1, double beta2, double eps, double rootEps, int every, int blockSize) {
        this.lr = Hyper.of("shampoo", "lr", lr, Hyper.Range.NON_NEGATIVE);
        this.beta1 = Hyper.check("shampoo", "beta1", beta1, Hyper.Range.UNIT);
        this.beta2 = Hyper.check("shampoo", "beta2", beta2, Hyper.Range.UNIT);
        this.eps = Hyper.check("shampoo", "eps", eps, Hyper.Range.POSITIVE);
        this.rootEps = Hyper.check("shampoo", "rootEps", rootEps, Hyper.Range.POSITIVE);
        this.every = Hyper.checkAtLeast("shampoo", "every", every, 1);
        this.blockSize = Hyper.checkAtLeast("shampoo", "blockSize", blockSize, 1);
    }

    /** A state that registers the factors' arrays. */
    static class FactorState extends State {
        FactorState(String kind) {
            super(kind);
        }

        double[] array(String name, int n) {
            return doubles(name, n);
        }
    }

    /** One block of a matrix leaf: its factors and the flat offset of its first element. */
    record Block(Kronecker factors, int offset) {
    }

    /**
     * The blocks of every matrix leaf (null for other leaves): leaf {@code i} of {@code r x c} is
     * cut into row chunks and column chunks of {@code size} (the last ones shorter), in row-major
     * order of blocks; their arrays are registered in {@code state}, named by leaf (and by block
     * when a leaf has more than one).
     */
    static Block[][] blocks(ParamLayout layout, int size, FactorState state) {
        Block[][] out = new Block[layout.leafCount()][];
        for (int i = 0; i < out.length; i++) {
            Shape s = layout.shape(i);
            if (s.rank() != 2) {
                continue;
            }
            int r = s.dim(0);
            int c = s.dim(1);
            int rowBlocks = (r + size - 1) / size;
            int colBlocks = (c + size - 1) / size;
            out[i] = new Block[rowBlocks * colBlocks];
            for (int a = 0; a < rowBlocks; a++) {
                for (int b = 0; b < colBlocks; b++) {
                    int rb = Math.min(size, r - a * size);
                    int cb = Math.min(size, c - b * size);
                    if ((long) Math.max(rb, cb) * Math.max(rb, cb) > Integer.MAX_VALUE - 8) {
                        throw new IllegalArgumentException("shampoo: a " + rb + " x " + cb + " block of leaf '" + layout.path(i)
                                + "' needs a factor larger than an array holds; use a smaller blockSize");
                    }
                    int index = a * colBlocks + b;
                    String n = out[i].length == 1 ? Integer.toString(i) : i + "_" + index;
                    Kronecker k = new Kronecker(rb, cb, c, state.array("L" + n, rb * rb), state.array("R" + n, cb * cb),
                            state.array("QL" + n, rb * rb), state.array("QR" + n, cb * cb), state.array("eigenvaluesL" + n, rb),
                            state.array("eigenvaluesR" + n, cb));
                    out[i][index] = new Block(k, layout.offset(i) + a * size * c + b * size);
                }
            }
        }
        return out;
    }

    private static final class ShampooState extends FactorState {
        final long[] count = longs("count", 1);
        final double[] m;
        final double[] v;
        final double[] adam;
        final double[] direction;
        final ParamLayout layout;
        final Block[][] blocks;

        ShampooState(ParamLayout layout, int blockSize) {
            super("shampoo");
            int n = layout.size();
            this.layout = layout;
            m = doubles("m", n);
            v = doubles("v", n);
            adam = new double[n];
            direction = new double[n];
            blocks = blocks(layout, blockSize, this);
        }
    }

    @Override
    public State init(ParamLayout layout, double[] params) {
        return new ShampooState(layout, blockSize);
    }

    @Override
    public void update(double[] updates, State state, double[] params, Context context) {
        ShampooState s = (ShampooState) state;
        long t = s.count[0];
        int n = updates.length;
        double bc1 = 1 - Math.pow(beta1, t + 1);
        double bc2 = 1 - Math.pow(beta2, t + 1);
        for (int i = 0; i < n; i++) {
            double g = updates[i];
            s.m[i] = beta1 * s.m[i] + (1 - beta1) * g;
            s.v[i] = beta2 * s.v[i] + (1 - beta2) * g * g;
            s.adam[i] = s.m[i] / bc1 / (Math.sqrt(s.v[i] / bc2) + eps);
            s.direction[i] = s.m[i] / bc1;
        }
        double rate = lr.at(t);
        for (int leaf = 0; leaf < s.blocks.length; leaf++) {
            if (s.blocks[leaf] == null) {
                int off = s.layout.offset(leaf);
                for (int i = off; i < off + s.layout.size(leaf); i++) {
                    updates[i] = -rate * s.adam[i];
                }
                continue;
            }
            for (Block b : s.blocks[leaf]) {
                Kronecker k = b.factors();
                int off = b.offset();
                k.accumulate(updates, off, beta2);
                if (t % every == 0) {
                    k.decompose();
                }
                k.precondition(s.direction, off, s.direction, rootEps);
                double na = 0;
                double ns = 0;
                for (int i = 0; i < k.r; i++) {
                    int row = off + i * k.stride;
                    na += Vec.sumSquares(s.adam, row, row + k.c);
                    ns += Vec.sumSquares(s.direction, row, row + k.c);
                }
                double scale = ns > 0 ? Math.sqrt(na) / Math.sqrt(ns) : 0;
                for (int i = 0; i < k.r; i++) {
                    int row = off + i * k.stride;
                    for (int j = row; j < row + k.c; j++) {
                        updates[j] = -rate * scale * s.direction[j];
                    }
                }
            }
        }
        s.count[0] = t + 1;
    }

    @Override
    public double learningRate(State state) {
        return lr.at(((ShampooState) state).count[0]);
    }
}
