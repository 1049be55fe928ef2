package descent.optim;

import descent.tensor.ParamLayout;
import descent.tensor.Shape;

/**
 * ScaledGD (Tong, Ma and Chi 2021) for a low-rank factorization {@code X = L R'}: gradient
 * descent on the factors, each preconditioned by the other's Gram matrix,
 * <pre>
 * L = L - lr grad_L f (R'R)^{-1},    R = R - lr grad_R f (L'L)^{-1},
 * </pre>
 * both Gram matrices taken at the current factors. For {@code f(L R')} with a well-conditioned
 * loss, the iterates converge linearly at a rate independent of the condition number of the
 * low-rank matrix (plain gradient descent slows down by that condition number). The two leaves
 * named at construction must be matrices with the same number of columns {@code r} (the rank);
 * other leaves take plain gradient steps {@code -lr g}. The {@code r x r} systems are solved by
 * Cholesky factorization; a singular Gram matrix fails with the leaf's name.
 */
final class ScaledGd implements Transform {
    private final Hyper lr;
    private final String left;
    private final String right;

    ScaledGd(Schedule lr, String left, String right) {
        this.lr = Hyper.of("scaledGd", "lr", lr, Hyper.Range.NON_NEGATIVE);
        if (left == null || right == null || left.equals(right)) {
            throw new IllegalArgumentException("scaledGd: needs the paths of two different factor leaves, got " + left + " and " + right);
        }
        this.left = left;
        this.right = right;
    }

    private final class ScaledState extends State {
        final long[] count = longs("count", 1);
        final int li;
        final int ri;
        final int rank;
        final ParamLayout layout;
        final double[] gramL;
        final double[] gramR;
        final double[] row;

        ScaledState(ParamLayout layout) {
            super("scaledGd");
            this.layout = layout;
            li = leafIndex(layout, left);
            ri = leafIndex(layout, right);
            Shape ls = layout.shape(li);
            Shape rs = layout.shape(ri);
            if (ls.rank() != 2 || rs.rank() != 2 || ls.dim(1) != rs.dim(1)) {
                throw new IllegalArgumentException("scaledGd: the factors must be matrices with the same number of columns (the rank), got "
                        + left + " " + ls + " and " + right + " " + rs);
            }
            rank = ls.dim(1);
            gramL = new double[rank * rank];
            gramR = new double[rank * rank];
            row = new double[rank];
        }
    }

    private static int leafIndex(ParamLayout layout, String path) {
        for (int i = 0; i < layout.leafCount(); i++) {
            if (layout.path(i).equals(path)) {
                return i;
            }
        }
        throw new IllegalArgumentException("scaledGd: no leaf named '" + path + "'");
    }

    @Override
    public State init(ParamLayout layout, double[] params) {
        return new ScaledState(layout);
    }

    @Override
    public void update(double[] updates, State state, double[] params, Context context) {
        ScaledState s = (ScaledState) state;
        long t = s.count[0];
        double rate = lr.at(t);
        int lOff = s.layout.offset(s.li);
        int rOff = s.layout.offset(s.ri);
        int lRows = s.layout.shape(s.li).dim(0);
        int rRows = s.layout.shape(s.ri).dim(0);
        // both Gram matrices from the current factors, before either gradient is changed
        cholesky(params, rOff, rRows, s.rank, right, s.gramR);
        cholesky(params, lOff, lRows, s.rank, left, s.gramL);
        solveRows(updates, lOff, lRows, s.rank, s.gramR, s.row);
        solveRows(updates, rOff, rRows, s.rank, s.gramL, s.row);
        for (int i = 0; i < updates.length; i++) {
            updates[i] *= -rate;
        }
        s.count[0] = t + 1;
    }

    /** Writes into {@code a} the Cholesky factor (lower, row-major) of {@code F'F} for the factor {@code F} at {@code off}. */
    private static void cholesky(double[] p, int off, int rows, int r, String name, double[] a) {
        for (int i = 0; i < r; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k < rows; k++) {
                    s += p[off + k * r + i] * p[off + k * r + j];
                }
                a[i * r + j] = s;
            }
        }
        for (int j = 0; j < r; j++) {
            double d = a[j * r + j];
            for (int k = 0; k < j; k++) {
                d -= a[j * r + k] * a[j * r + k];
            }
            if (!(d > 0)) {
                throw new IllegalArgumentException("scaledGd: the Gram matrix of factor '" + name + "' is singular (rank deficient factor)");
            }
            d = Math.sqrt(d);
            a[j * r + j] = d;
            for (int i = j + 1; i < r; i++) {
                double s = a[i * r + j];
                for (int k = 0; k < j; k++) {
                    s -= a[i * r + k] * a[j * r + k];
                }
                a[i * r + j] = s / d;
            }
        }
    }

    /** Replaces each row {@code y} of the block at {@code off} by {@code y (C C')^{-1}}, {@code C} the Cholesky factor. */
    private static void solveRows(double[] u, int off, int rows, int r, double[] c, double[] z) {
        for (int k = 0; k < rows; k++) {
            int base = off + k * r;
            for (int i = 0; i < r; i++) {
                double s = u[base + i];
                for (int j = 0; j < i; j++) {
                    s -= c[i * r + j] * z[j];
                }
                z[i] = s / c[i * r + i];
            }
            for (int i = r - 1; i >= 0; i--) {
                double s = z[i];
                for (int j = i + 1; j < r; j++) {
                    s -= c[j * r + i] * u[base + j];
                }
                u[base + i] = s / c[i * r + i];
            }
        }
    }

    @Override
    public double learningRate(State state) {
        return lr.at(((ScaledState) state).count[0]);
    }
}
