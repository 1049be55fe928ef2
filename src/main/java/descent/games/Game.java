package descent.games;

import descent.ad.Func;
import descent.optim.Objective;
import descent.tensor.Tensor;

/**
 * A two-player zero-sum game {@code min_x max_y f(x, y)} over flat vectors {@code x} (the
 * minimizing player, {@link #xSize()} elements) and {@code y} (the maximizing player,
 * {@link #ySize()} elements), evaluated on the joint vector {@code z = [x; y]}. Its monotone
 * operator is {@code F(z) = (grad_x f, -grad_y f)}; a saddle point is a zero of {@code F}.
 *
 * <p>{@link #objective()} is the game as an {@link Objective} over {@code z}, whose gradient is
 * {@code (grad_x f, grad_y f)}: the methods of {@link GameMethods} run on it through
 * {@code Minimize.with(method)}, so the history's loss column holds {@code f(x, y)} and its
 * gradient-norm column {@code |F(z)|}, the operator norm. Where the game knows its duality gap
 * ({@link #gap}), the methods record it in the history's measure column.
 *
 * <pre>{@code
 * Game g = Game.bilinear(a);
 * Result r = Minimize.with(GameMethods.extragradient(g, 0.1, 0.1)).steps(2000).run(g.objective(), g.join(x0, y0));
 * double[] x = g.x(r.x());
 * }</pre>
 */
public interface Game {
    /** Number of elements of the minimizing player's vector {@code x}. */
    int xSize();

    /** Number of elements of the maximizing player's vector {@code y}. */
    int ySize();

    /**
     * Returns {@code f(x, y)} for {@code z = [x; y]} and writes {@code (grad_x f, grad_y f)} into
     * {@code grad} (of {@code z}'s length).
     */
    double valueAndGrad(double[] z, double[] grad);

    /**
     * The duality gap {@code max_{y'} f(x, y') - min_{x'} f(x', y)} at {@code z = [x; y]} over the
     * game's domain, which is zero exactly at saddle points; NaN if the game cannot compute it (or
     * it is infinite, as for an unconstrained bilinear game).
     */
    default double gap(double[] z) {
        return Double.NaN;
    }

    /** A short name for messages. */
    default String name() {
        return "game(" + xSize() + " x " + ySize() + ")";
    }

    /** The game as an objective over {@code z = [x; y]} with gradient {@code (grad_x f, grad_y f)}. */
    default Objective objective() {
        return this::valueAndGrad;
    }

    /**
     * The joint vector {@code [x; y]}.
     *
     * @throws IllegalArgumentException if {@code x} or {@code y} does not have the player's size
     */
    default double[] join(double[] x, double[] y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException(name() + ".join: x and y are required");
        }
        if (x.length != xSize() || y.length != ySize()) {
            throw new IllegalArgumentException(name() + ".join: the players have " + xSize() + " and " + ySize()
                    + " elements, got x of " + x.length + " and y of " + y.length);
        }
        double[] z = new double[x.length + y.length];
        System.arraycopy(x, 0, z, 0, x.length);
        System.arraycopy(y, 0, z, x.length, y.length);
        return z;
    }

    /** The minimizing player's part {@code x} of {@code z = [x; y]} (a copy). */
    default double[] x(double[] z) {
        Players.requireJoint(this, z.length, "x");
        return java.util.Arrays.copyOfRange(z, 0, xSize());
    }

    /** The maximizing player's part {@code y} of {@code z = [x; y]} (a copy). */
    default double[] y(double[] z) {
        Players.requireJoint(this, z.length, "y");
        return java.util.Arrays.copyOfRange(z, xSize(), xSize() + ySize());
    }

    /**
     * The unconstrained bilinear game {@code f(x, y) = x^T A y} for an {@code m x n} matrix
     * {@code A} ({@code x} of {@code m}, {@code y} of {@code n} elements). Its saddle points are
     * the pairs with {@code A y = 0} and {@code A^T x = 0}; its gap is infinite away from them, so
     * {@link #gap} is NaN and the operator norm {@code |F(z)| = |(A y, A^T x)|} measures progress.
     */
    static Game bilinear(double[][] a) {
        return new BilinearGame(a, false);
    }

    /**
     * The matrix game {@code min_{x in simplex} max_{y in simplex} x^T A y} (mixed strategies):
     * {@code f} as in {@link #bilinear}, with the gap over the simplices,
     * {@code max_j (A^T x)_j - min_i (A y)_i}. Run it with the simplex domains of
     * {@link Domain#simplex()}.
     */
    static Game matrix(double[][] a) {
        return new BilinearGame(a, true);
    }

    /**
     * The quadratic game {@code f(x, y) = x^T P x / 2 + x^T B y - y^T Q y / 2 + a^T x - b^T y}
     * with symmetric positive definite {@code P} ({@code m x m}) and {@code Q} ({@code n x n}):
     * strongly convex in {@code x}, strongly concave in {@code y}, with a unique saddle point and
     * the gap in closed form.
     *
     * @throws IllegalArgumentException if shapes do not fit or {@code P} or {@code Q} is not positive definite
     */
    static Game quadratic(double[][] p, double[][] b, double[][] q, double[] a, double[] bVector) {
        return new QuadraticGame(p, b, q, a, bVector);
    }

    /**
     * The game of a {@link Func} {@code f(x, y)} of two tensors returning a scalar, with players
     * shaped like {@code x0} and {@code y0}; gradients come from the AD core
     * ({@code AD.valueAndGrad(f, 0, 1)}).
     *
     * @throws IllegalArgumentException if {@code f} does not take two arguments, fails on tensors of
     *         these shapes, or does not return a scalar
     */
    static Game of(Func f, Tensor x0, Tensor y0) {
        return new FuncGame(f, x0.shape(), y0.shape());
    }

    /**
     * The hidden game {@code f(theta_x, theta_y) = latent(c_x(theta_x), c_y(theta_y))} over the
     * control variables, with control maps {@link Func}s of one tensor whose outputs have the latent
     * players' sizes; {@code thetaX} and {@code thetaY} give the controls' shapes (and must be
     * points where the maps are defined).
     *
     * @throws IllegalArgumentException if a control map does not take one tensor, fails on its
     *         controls, or does not return as many elements as its latent player has
     */
    static HiddenGame hidden(Game latent, Func controlX, Tensor thetaX, Func controlY, Tensor thetaY) {
        return new HiddenGame(latent, controlX, thetaX, controlY, thetaY);
    }

    /**
     * The finite-sum game {@code f(x, y) = (1/n) sum_i f_i(x, y)} whose terms are those of
     * {@code terms} over the joint vector {@code z = [x; y]}, with {@code x} its first
     * {@code xSize} elements.
     *
     * @throws IllegalArgumentException if {@code xSize} leaves either player empty
     */
    static FiniteSumGame finiteSum(descent.finitesum.FiniteSum terms, int xSize) {
        return new FiniteSumGame(terms, xSize);
    }
}
