package descent.pinn;

import descent.ad.Func;
import descent.stde.DiffOp;
import descent.stde.Estimator;
import descent.tensor.Params;
import descent.tensor.Random;
import descent.tensor.Value;

import java.util.Arrays;

/**
 * A candidate solution u evaluated at a batch of points while a residual is traced: its values
 * and its derivatives there, each derivative evaluated by the configured {@link Method} where the
 * operator supports it (exactly otherwise), with its own random draws. Residuals are written with
 * it: {@code (u, x) -> u.laplacian().add(u.value()).sub(u.value().pow(3)).sub(g(x))}.
 */
public final class Field {
    private final Func u;
    private final Value[] args;
    private final Value key;
    private final Estimator method;
    private final Problem problem;
    private final Params<Value> coefficients;
    private final Value source;
    private int draws;
    private Value value;

    Field(Func u, Value[] args, Value key, Estimator method, Problem problem, Params<Value> coefficients, Value source) {
        this.u = u;
        this.args = args;
        this.key = key;
        this.method = method;
        this.problem = problem;
        this.coefficients = coefficients;
        this.source = source;
    }

    /**
     * The term's source values at the points, [N], computed from the points alone outside the
     * differentiated loss (see {@link Problem.Builder#pde(Solution, SourcedResidual)}).
     *
     * @throws IllegalStateException if the term was declared without a source
     */
    public Value source() {
        if (source == null) {
            throw new IllegalStateException("source(): this term was declared without a source; declare it with "
                    + "pde(source, (u, x, g) -> ...) or term(name, source, residual, points, weight)");
        }
        return source;
    }

    /** The points, [N, d] (time last for space-time problems). */
    public Value points() {
        return args[0];
    }

    /** u at the points: [N]. */
    public Value value() {
        if (value == null) {
            value = u.applyAll(args)[0];
        }
        return value;
    }

    /** (L u) at the points for the operator L, by the configured method if L supports it, else exactly: [N]. */
    public Value apply(DiffOp op) {
        Estimator m = op.supports(method) ? method : Estimator.exact();
        Func f = op.on(u, m);
        if (!m.needsKey()) {
            return f.applyAll(args)[0];
        }
        Value[] in = Arrays.copyOf(args, args.length + 1);
        in[args.length] = Random.foldIn(key, key.constant(draws++));
        return f.applyAll(in)[0];
    }

    /** The Laplacian over the spatial coordinates (for space-time problems, all but the last): [N]. */
    public Value laplacian() {
        if (problem != null && problem.timeDependent()) {
            Value total = null;
            for (int i = 0; i < problem.domain().dimension() - 1; i++) {
                Value t = partial(i, i);
                total = total == null ? t : total.add(t);
            }
            return total;
        }
        return apply(DiffOp.laplacian());
    }

    /** The partial derivative over the listed coordinates (with repetition): [N]. */
    public Value partial(int... coordinates) {
        return apply(DiffOp.partial(coordinates));
    }

    /** du/dt for space-time problems (time is the last coordinate): [N]. */
    public Value dt() {
        return partial(points().shape().dim(1) - 1);
    }

    /** A trainable PDE coefficient of the problem (a scalar or tensor), by name. */
    public Value coefficient(String name) {
        if (coefficients == null || !coefficients.hasLeaf(name)) {
            throw new IllegalArgumentException("coefficient '" + name + "': the problem has no such trainable coefficient"
                    + (coefficients == null ? "" : "; it has " + coefficients.paths()));
        }
        return coefficients.get(name);
    }

}
