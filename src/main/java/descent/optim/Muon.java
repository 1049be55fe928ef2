package descent.optim;

import descent.tensor.Kernel;
import descent.tensor.MatMul;
import descent.tensor.ParamLayout;
import descent.tensor.Shape;

/**
 * Muon (Jordan et al. 2024) for matrix leaves: momentum, then the update is replaced by an
 * approximately orthogonal matrix with the same singular vectors, from {@code nsSteps} iterations
 * of the quintic Newton–Schulz map {@code X <- a X + (b A + c A^2) X}, {@code A = X X^T},
 * {@code (a, b, c) = (3.4445, -4.7750, 2.0315)}, started at {@code G / (|G|_F + 1e-7)} and run on
 * the wide orientation of the matrix:
 * <pre>
 * m = mu m + g;   u = nesterov ? g + mu m : m
 * p = p - lr wd p - lr sqrt(max(1, cols / rows)) NS(u)
 * </pre>
 * {@code cols / rows} is fan-out over fan-in for Descent's {@code y = x W} layout. Every leaf must
 * be a matrix; {@link Optimizers#muon} gives the other leaves to AdamW.
 */
final class Muon implements Transform {
    private static final double A = 3.4445;
    private static final double B = -4.7750;
    private static final double C = 2.0315;

    private final Hyper lr;
    private final Hyper momentum;
    private final boolean nesterov;
    private final int nsSteps;
    private final Hyper weightDecay;

    Muon(Schedule lr, Schedule momentum, boolean nesterov, int nsSteps, Schedule weightDecay) {
        this.lr = Hyper.of("muon", "lr", lr, Hyper.Range.NON_NEGATIVE);
        this.momentum = Hyper.of("muon", "momentum", momentum, Hyper.Range.UNIT);
        this.nesterov = nesterov;
        this.nsSteps = Hyper.checkAtLeast("muon", "nsSteps", nsSteps, 1);
        this.weightDecay = Hyper.of("muon", "weightDecay", weightDecay, Hyper.Range.NON_NEGATIVE);
    }

    /** Newton–Schulz buffers and kernels for one matrix shape. */
    private static final class Orthogonalizer {
        final int rows;
        final int cols;
        final boolean transposed;
        final int r;
        final int c;
        final double[] x;
        final double[] a;
        final double[] aa;
        final double[] bx;
        final Kernel xxt;
        final Kernel square;
        final Kernel times;
        final double[][] in2 = new double[2][];

        Orthogonalizer(int rows, int cols) {
            this.rows = rows;
            this.cols = cols;
            transposed = rows > cols;
            r = Math.min(rows, cols);
            c = Math.max(rows, cols);
            x = new double[r * c];
            a = new double[r * r];
            aa = new double[r * r];
            bx = new double[r * c];
            xxt = MatMul.kernel(Shape.of(r, c), Shape.of(r, c), false, true);
            square = MatMul.kernel(Shape.of(r, r), Shape.of(r, r), false, false);
            times = MatMul.kernel(Shape.of(r, r), Shape.of(r, c), false, false);
        }

        /** Writes NS(u[off, off + rows cols)) scaled by {@code scale} into out[off, ...). */
        void run(double[] u, int off, int steps, double scale, double[] out) {
            int n = r * c;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                ss += u[off + i] * u[off + i];
            }
            double inv = 1 / (Math.sqrt(ss) + 1e-7);
            if (transposed) {
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        x[j * rows + i] = u[off + i * cols + j] * inv;
                    }
                }
            } else {
                for (int i = 0; i < n; i++) {
                    x[i] = u[off + i] * inv;
                }
            }
            for (int k = 0; k < steps; k++) {
                in2[0] = x;
                in2[1] = x;
                xxt.run(in2, a);
                in2[0] = a;
                in2[1] = a;
                square.run(in2, aa);
                for (int i = 0; i < a.length; i++) {
                    aa[i] = B * a[i] + C * aa[i];
                }
                in2[0] = aa;
                in2[1] = x;
                times.run(in2, bx);
                for (int i = 0; i < n; i++) {
                    x[i] = A * x[i] + bx[i];
                }
            }
            in2[0] = in2[1] = null;
            if (transposed) {
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        out[off + i * cols + j] = scale * x[j * rows + i];
                    }
                }
            } else {
                for (int i = 0; i < n; i++) {
                    out[off + i] = scale * x[i];
                }
            }
        }
    }

    private final class MuonState extends State {
        final long[] count = longs("count", 1);
        final double[] m;
        final ParamLayout layout;
        final Orthogonalizer[] ns;

        MuonState(ParamLayout layout) {
            super("muon");
            this.layout = layout;
            m = doubles("m", layout.size());
            ns = new Orthogonalizer[layout.leafCount()];
            for (int i = 0; i < ns.length; i++) {
                Shape s = layout.shape(i);
                if (s.rank() != 2) {
                    throw new IllegalArgumentException("muon: leaf '" + layout.path(i) + "' has shape " + s
                            + "; Muon updates matrices only (Optimizers.muon gives other leaves to AdamW)");
                }
                ns[i] = new Orthogonalizer(s.dim(0), s.dim(1));
            }
        }
    }

    @Override
    public State init(ParamLayout layout, double[] params) {
        return new MuonState(layout);
    }

    private void run(double[] g, MuonState s, double[] params, boolean apply) {
        long t = s.count[0]++;
        double rate = lr.at(t);
        double mu = momentum.at(t);
        double wd = weightDecay.at(t);
        double[] m = s.m;
        for (int i = 0; i < g.length; i++) {
            double mi = mu * m[i] + g[i];
            m[i] = mi;
            g[i] = nesterov ? g[i] + mu * mi : mi;
        }
        for (int leaf = 0; leaf < s.ns.length; leaf++) {
            Orthogonalizer o = s.ns[leaf];
            double scale = -rate * Math.sqrt(Math.max(1.0, (double) o.cols / o.rows));
            s.ns[leaf].run(g, s.layout.offset(leaf), nsSteps, scale, g);
        }
        for (int i = 0; i < g.length; i++) {
            double d = g[i] - rate * wd * params[i];
            if (apply) {
                params[i] += d;
            } else {
                g[i] = d;
            }
        }
    }

    @Override
    public void update(double[] updates, State state, double[] params, Context context) {
        run(updates, (MuonState) state, params, false);
    }

    @Override
    public void step(double[] grads, State state, double[] params, Context context) {
        run(grads, (MuonState) state, params, true);
    }

    @Override
    public double learningRate(State state) {
        return lr.at(((MuonState) state).count[0]);
    }
}
