package descent.stde;

import descent.ad.Func;
import descent.tensor.Random;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import descent.tensor.Value;

import java.util.Arrays;
import java.util.List;

/**
 * A linear differential operator L applied to a function u of points, evaluated at a batch of
 * points exactly or by a randomized estimator, from Taylor-mode jets along the points: the
 * Laplacian, the diagonal k-th order operators, the biharmonic, mixed partials, second-order
 * operators tr(A Hess u), directional derivatives, the gradient and the divergence.
 *
 * <p>The function u is a {@link Func} whose first argument is the points X, shape [N, d], and which
 * returns its value at each point, shape [N] (row by row: the value at a point depends on that row
 * only); further arguments (network parameters, trees included) are held fixed. {@link #on}
 * returns the function (X, theta..., key) -&gt; (L u)(X), shape [N], where the key (a
 * {@link descent.tensor.Key#toTensor()}) is present only for estimators, so each call draws afresh
 * from one compiled plan; with {@link Method#twoSample()} the result has shape [2, N]. Nothing of
 * size d x d or N x d x d is formed: coordinate directions go through the first layer as a gather.
 *
 * <pre>{@code
 * Func u = Func.of((x, w) -> x.matmul(w).tanh().sum(1));        // points [N, d] -> [N]
 * Func lap = DiffOp.laplacian().on(u, Method.exact());           // (X, w) -> Laplacian at each point
 * Func est = DiffOp.laplacian().on(u, Method.sparse(16));        // (X, w, key) -> unbiased estimate
 * }</pre>
 */
public abstract class DiffOp {
    private final String name;

    DiffOp(String name) {
        this.name = name;
    }

    /** The Laplacian sum_i d^2u/dx_i^2: exact, sparse STDE, or Hutchinson (Rademacher or Gaussian). */
    public static DiffOp laplacian() {
        return new Diagonal(2, true);
    }

    /** The diagonal k-th order operator sum_i d^k u/dx_i^k: exact or sparse STDE ((e_i, 0, ..., 0) k-jets). */
    public static DiffOp diagonal(int k) {
        return new Diagonal(k, true);
    }

    /** The Hessian's diagonal d^2u/dx_i^2 for every coordinate: shape [N, d], exact. */
    public static DiffOp hessianDiagonal() {
        return new Diagonal(2, false);
    }

    /** The biharmonic sum_ij d^4u/dx_i^2 dx_j^2: exact (the Laplacian of the Laplacian) or Gaussian 4-jets / 3. */
    public static DiffOp biharmonic() {
        return new Biharmonic();
    }

    /**
     * The mixed partial derivative over the listed coordinates, with repetition: {@code partial(i,
     * i, j)} is d^3u/dx_i^2 dx_j. Evaluated exactly from one jet whose order, tangent slots and
     * combinatorial factor are planned for the multi-index.
     */
    public static DiffOp partial(int... coordinates) {
        return new Partial(coordinates);
    }

    /** The k-th directional derivative d^k/dt^k u(x + t v) for a fixed direction v of length d. */
    public static DiffOp directional(Tensor v, int k) {
        return new Directional(v, k);
    }

    /**
     * The second-order operator tr(A Hess u) for a symmetric positive semidefinite d x d matrix A:
     * exact (jets along the columns of a factor L, A = L L^T) or Gaussian probes with covariance A.
     */
    public static DiffOp secondOrder(Tensor a) {
        return new SecondOrder(a);
    }

    /** The gradient of u at each point: shape [N, d], by reverse mode. */
    public static DiffOp gradient() {
        return new Gradient();
    }

    /**
     * The divergence sum_i dF_i/dx_i of a vector field F (a function from points [N, d] to
     * [N, d]): exact, or Hutchinson v^T (dF/dx) v with Rademacher or Gaussian probes.
     */
    public static DiffOp divergence() {
        return new Divergence();
    }

    /** The operator's name, used in messages. */
    public String name() {
        return name;
    }

    /**
     * The function (X, theta..., [key]) -&gt; (L u)(X) evaluating this operator on {@code u} by
     * {@code method}; the same operator, function and method give the same {@code Func}, so its
     * compiled plans are reused.
     *
     * @throws IllegalArgumentException if this operator has no such estimator
     */
    public Func on(Func u, Method method) {
        check(method);
        return u.derive(List.of("stde", this, method), () -> Func.of(u, method.needsKey() ? 1 : 0, xs -> {
            int n = u.flatArity();
            Value[] args = Arrays.copyOf(xs, n);
            Value x = args[0];
            if (x.rank() != 2) {
                throw new IllegalArgumentException(name + ": points must have shape [N, d], got " + x.shape());
            }
            if (!method.needsKey()) {
                return new Value[] {evaluate(u, args, null, method)};
            }
            Value key = xs[n];
            if (!key.shape().equals(Shape.of(2))) {
                throw new IllegalArgumentException(name + ": the key must have shape [2] (Key.toTensor()), got " + key.shape());
            }
            if (!method.twoSample) {
                return new Value[] {evaluate(u, args, key, method)};
            }
            Value keys = Random.split(key, 2);
            return new Value[] {Value.stack(0, evaluate(u, args, keys.index(0, 0), method),
                    evaluate(u, args, keys.index(0, 1), method))};
        }).named(name + "[" + method + "](" + u.name() + ")"));
    }

    /** The function (X, theta...) -&gt; (L u)(X) evaluating this operator exactly. */
    public Func exact(Func u) {
        return on(u, Method.exact());
    }

    /** True if this operator can be evaluated by {@code method}. */
    public boolean supports(Method method) {
        try {
            check(method);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Fails unless this operator can be evaluated by {@code method}. */
    abstract void check(Method method);

    /** The operator at the points args[0] (key null for exact evaluation). */
    abstract Value evaluate(Func u, Value[] args, Value key, Method method);

    IllegalArgumentException unsupported(Method method) {
        return new IllegalArgumentException(name + ": no " + method + " estimator; use " + supported());
    }

    /** The methods this operator supports, for messages. */
    abstract String supported();

    @Override
    public String toString() {
        return name;
    }
}
