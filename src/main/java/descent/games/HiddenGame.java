package descent.games;

import descent.ad.AD;
import descent.ad.Func;
import descent.tensor.Shape;
import descent.tensor.Tensor;

/**
 * A hidden game: the players choose control variables {@code theta = [theta_x; theta_y]}, which a
 * control map turns into the strategies {@code x = c_x(theta_x)} and {@code y = c_y(theta_y)} of a
 * latent game {@code g(x, y)}, so that {@code f(theta) = g(c_x(theta_x), c_y(theta_y))}. The latent
 * game may be convex–concave while {@code f} is not. As a {@link Game} it lives on {@code theta}:
 * its gradient is {@code (J_x^T grad_x g, J_y^T grad_y g)} with the control maps' Jacobians
 * {@code J_x}, {@code J_y} (from the AD core, a batch of Jacobian-vector products), so every
 * method of {@link GameMethods} runs on it in the control variables, and
 * {@link GameMethods#preconditionedHidden} runs gradient play in the latent space. Its gap is the latent game's at {@code (c_x(theta_x), c_y(theta_y))}.
 */
public final class HiddenGame implements Game {
    private final Game latent;
    private final Func cx;
    private final Func cy;
    private final Func jx;
    private final Func jy;
    private final Tensor ix;
    private final Tensor iy;
    private final Shape tx;
    private final Shape ty;
    private final int p;
    private final int q;

    HiddenGame(Game latent, Func cx, Tensor thetaX, Func cy, Tensor thetaY) {
        String owner = "Game.hidden";
        if (latent == null || cx == null || cy == null || thetaX == null || thetaY == null) {
            throw new IllegalArgumentException(owner + ": the latent game, both control maps and both control starts are required");
        }
        this.latent = latent;
        this.cx = cx;
        this.cy = cy;
        this.tx = thetaX.shape();
        this.ty = thetaY.shape();
        this.p = tx.size();
        this.q = ty.size();
        check(owner, cx, thetaX, "x", latent.xSize());
        check(owner, cy, thetaY, "y", latent.ySize());
        this.jx = columns(cx);
        this.jy = columns(cy);
        this.ix = identity(p, tx);
        this.iy = identity(q, ty);
    }

    /** {@code (theta, E) -> (c(theta) per row of E, J(theta) E^T)}: the Jacobian's columns as a batch of jvps, output axis last. */
    private static Func columns(Func c) {
        return AD.vmap(AD.jvp(c), new int[] {AD.NOT_BATCHED, 0}, new int[] {0, -1});
    }

    /** The identity as a batch of {@code size} tangents shaped like the controls. */
    private static Tensor identity(int size, Shape shape) {
        double[] e = new double[size * size];
        for (int i = 0; i < size; i++) {
            e[i * size + i] = 1;
        }
        int[] dims = new int[shape.rank() + 1];
        dims[0] = size;
        System.arraycopy(shape.dims(), 0, dims, 1, shape.rank());
        return Tensor.copyOf(e, dims);
    }

    private static void check(String owner, Func c, Tensor theta, String player, int size) {
        if (c.flatArity() != 1) {
            throw new IllegalArgumentException(owner + ": the control map of " + player + " must take one tensor, but " + c.name()
                    + " takes " + c.flatArity());
        }
        Tensor out;
        try {
            out = c.call(theta);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(owner + ": the control map of " + player + " fails on controls of shape " + theta.shape()
                    + ": " + e.getMessage(), e);
        }
        if (out.size() != size) {
            throw new IllegalArgumentException(owner + ": the control map of " + player + " returns " + out.size() + " elements (shape "
                    + out.shape() + ") for controls of shape " + theta.shape() + ", but the latent player " + player + " has " + size);
        }
    }

    @Override
    public int xSize() {
        return p;
    }

    @Override
    public int ySize() {
        return q;
    }

    @Override
    public String name() {
        return "hidden(" + latent.name() + ", theta_x " + tx + ", theta_y " + ty + ")";
    }

    /** The latent game {@code g}. */
    public Game latent() {
        return latent;
    }

    /** The latent strategies {@code [c_x(theta_x); c_y(theta_y)]} of the controls {@code theta = [theta_x; theta_y]}. */
    public double[] strategies(double[] theta) {
        Players.requireJoint(this, theta.length, "strategies");
        double[] s = new double[latent.xSize() + latent.ySize()];
        cx.call(Tensor.copyOf(java.util.Arrays.copyOfRange(theta, 0, p), tx.dims())).copyTo(s, 0);
        cy.call(Tensor.copyOf(java.util.Arrays.copyOfRange(theta, p, p + q), ty.dims())).copyTo(s, latent.xSize());
        return s;
    }

    /**
     * Writes the strategies {@code [c_x(theta_x); c_y(theta_y)]} into {@code s} and the control
     * maps' Jacobians at {@code theta} into {@code jacX} ({@code m x p}, row-major) and
     * {@code jacY} ({@code n x q}), from one batched evaluation per player.
     */
    void controls(double[] theta, double[] s, double[] jacX, double[] jacY) {
        Tensor[] x = jx.callAll(Tensor.copyOf(java.util.Arrays.copyOfRange(theta, 0, p), tx.dims()), ix);
        Tensor[] y = jy.callAll(Tensor.copyOf(java.util.Arrays.copyOfRange(theta, p, p + q), ty.dims()), iy);
        int m = latent.xSize();
        int n = latent.ySize();
        // the value is broadcast over the batch of tangents: its first row is c(theta)
        System.arraycopy(x[0].toArray(), 0, s, 0, m);
        System.arraycopy(y[0].toArray(), 0, s, m, n);
        x[1].copyTo(jacX, 0);
        y[1].copyTo(jacY, 0);
    }

    @Override
    public double valueAndGrad(double[] theta, double[] grad) {
        Players.requireJoint(this, theta.length, "valueAndGrad");
        int m = latent.xSize();
        int n = latent.ySize();
        double[] s = new double[m + n];
        double[] jacX = new double[m * p];
        double[] jacY = new double[n * q];
        controls(theta, s, jacX, jacY);
        double[] gs = new double[m + n];
        double f = latent.valueAndGrad(s, gs);
        transposeTimes(jacX, m, p, gs, 0, grad, 0);
        transposeTimes(jacY, n, q, gs, m, grad, p);
        return f;
    }

    /** {@code out[at, at + cols) = J^T v[from, from + rows)} for a row-major {@code rows x cols} {@code J}. */
    static void transposeTimes(double[] jac, int rows, int cols, double[] v, int from, double[] out, int at) {
        for (int j = 0; j < cols; j++) {
            out[at + j] = 0;
        }
        for (int i = 0; i < rows; i++) {
            double vi = v[from + i];
            for (int j = 0; j < cols; j++) {
                out[at + j] += jac[i * cols + j] * vi;
            }
        }
    }

    @Override
    public double gap(double[] theta) {
        return latent.gap(strategies(theta));
    }
}
