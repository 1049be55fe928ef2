package descent.pinn;

import descent.ad.Func;
import descent.stde.Estimator;
import descent.tensor.Key;
import descent.tensor.Params;
import descent.tensor.Tensor;
import descent.tensor.Value;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A PDE problem for a physics-informed network: a domain, the PDE residual in its interior, boundary
 * and initial conditions, optional observations and trainable PDE coefficients (inverse problems),
 * an optional hard-constraint ansatz, and the exact or reference solution for measuring errors.
 * Every term is a {@link Residual} written with the candidate solution, and its loss is the mean
 * square of the residual over its points (or the mean of an energy density), times its weight.
 *
 * <pre>{@code
 * Problem p = Problem.builder("Poisson 1-D", Domain.interval(-1, 1))
 *         .pde((u, x) -> u.partial(0, 0).add(x.mul(Math.PI).sin().mul(Math.PI * Math.PI)))
 *         .boundary((u, x) -> u.value())
 *         .exact(x -> x.mul(Math.PI).sin().reshape(x.shape().dim(0)))
 *         .build();
 * }</pre>
 */
public final class Problem {
    /** Where a term's points come from. */
    public enum Points { INTERIOR, BOUNDARY, INITIAL, OBSERVED }

    /**
     * One loss term: its name, residual, points and weight. Its loss is the mean square of the
     * residual over its points, or, for an energy term, the mean of the residual itself (a Monte
     * Carlo estimate of the energy integral divided by the domain's volume). A term may have a
     * source: a function of the points alone (such as a PDE's right-hand side) that is evaluated
     * once per point set, outside the differentiated loss, and read in the residual by
     * {@link Field#source()}; null if it has none.
     */
    public record Term(String name, Residual residual, Points points, double weight, boolean energy, Solution source) {
        /** A residual term (mean-square loss) without a source. */
        public Term(String name, Residual residual, Points points, double weight) {
            this(name, residual, points, weight, false, null);
        }

        /** A residual or energy term without a source. */
        public Term(String name, Residual residual, Points points, double weight, boolean energy) {
            this(name, residual, points, weight, energy, null);
        }
    }

    private final String name;
    private final Domain domain;
    private final List<Term> terms;
    private final Solution exact;
    private final java.util.function.UnaryOperator<Tensor> reference;
    private final Solution hard;
    private final Params<Tensor> coefficients;
    private final Tensor observedPoints;
    private final Tensor observedValues;

    private Problem(Builder b) {
        this(b, b.domain);
    }

    private Problem(Builder b, Domain domain) {
        this.name = b.name;
        this.domain = domain;
        this.terms = Collections.unmodifiableList(new ArrayList<>(b.terms));
        this.exact = b.exact;
        this.reference = b.reference;
        this.hard = b.hard;
        this.coefficients = b.coefficients;
        this.observedPoints = b.observedPoints;
        this.observedValues = b.observedValues;
    }

    /** Starts a problem on {@code domain}. */
    public static Builder builder(String name, Domain domain) {
        return new Builder(name, domain);
    }

    /** Collects the parts of a problem. */
    public static final class Builder {
        private final String name;
        private final Domain domain;
        private final List<Term> terms = new ArrayList<>();
        private Solution exact;
        private java.util.function.UnaryOperator<Tensor> reference;
        private Solution hard;
        private Params<Tensor> coefficients = Params.empty();
        private Tensor observedPoints;
        private Tensor observedValues;

        private Builder(String name, Domain domain) {
            this.name = Objects.requireNonNull(name, "name");
            this.domain = Objects.requireNonNull(domain, "domain");
        }

        /** The PDE residual at interior points (weight 1). */
        public Builder pde(Residual r) {
            return term("pde", r, Points.INTERIOR, 1);
        }

        /**
         * The PDE residual at interior points (weight 1) with a source term g(x) that depends on
         * the points only, e.g. {@code pde(x -> f(x), (u, x, g) -> u.laplacian().sub(g))}. The
         * source is evaluated once per point set, in blocks of rows, outside the differentiated
         * loss: its cost is paid once per step rather than through the derivative passes, and its
         * intermediates (of the points' size) never occupy the training plan's memory.
         */
        public Builder pde(Solution source, SourcedResidual r) {
            return term("pde", source, r, Points.INTERIOR, 1);
        }

        /** A named term with a source term (see {@link #pde(Solution, SourcedResidual)}), its own points and weight. */
        public Builder term(String termName, Solution source, SourcedResidual r, Points points, double weight) {
            Objects.requireNonNull(source, () -> name + ": the source of term '" + termName + "' is null");
            Objects.requireNonNull(r, () -> name + ": the residual of term '" + termName + "' is null");
            return add(new Term(termName, (u, x) -> r.apply(u, x, u.source()), points, weight, false, source));
        }

        /**
         * The energy (Deep Ritz) form of the PDE: the loss is the mean of {@code density} over
         * interior points, e.g. {@code (u, x) -> u.partial(0).square().mul(0.5).sub(f(x).mul(u.value()))}
         * for -u'' = f, whose minimizer under the boundary conditions solves the PDE.
         */
        public Builder energy(Residual density) {
            return add(new Term("energy", density, Points.INTERIOR, 1, true));
        }

        /** A condition at boundary points, e.g. Dirichlet {@code (u, x) -> u.value().sub(g(x))} (weight 1). */
        public Builder boundary(Residual r) {
            return term("boundary", r, Points.BOUNDARY, 1);
        }

        /** A condition at the initial time (space-time domains only; weight 1). */
        public Builder initial(Residual r) {
            if (!(domain instanceof SpaceTime)) {
                throw new IllegalArgumentException(name + ": an initial condition needs a space-time domain, the domain is " + domain);
            }
            return term("initial", r, Points.INITIAL, 1);
        }

        /** A named term with its own points and weight. */
        public Builder term(String termName, Residual r, Points points, double weight) {
            return add(new Term(termName, r, points, weight));
        }

        /** Adds a term after checking its residual, weight and name. */
        private Builder add(Term term) {
            String termName = term.name();
            Objects.requireNonNull(term.residual(), () -> name + ": the residual of term '" + termName + "' is null");
            if (!(term.weight() > 0) || Double.isInfinite(term.weight())) {
                throw new IllegalArgumentException(name + ": the weight of term '" + termName + "' must be positive and finite, got "
                        + term.weight());
            }
            for (Term t : terms) {
                if (t.name().equals(termName)) {
                    throw new IllegalArgumentException(name + ": the term name '" + termName + "' is used twice");
                }
            }
            terms.add(term);
            return this;
        }

        /** Observed values y [M] of the solution at points x [M, d], fitted with the given weight. */
        public Builder observations(Tensor x, Tensor y, double weight) {
            if (x.rank() != 2 || x.shape().dim(1) != domain.dimension() || y.rank() != 1 || y.size() != x.shape().dim(0)) {
                throw new IllegalArgumentException(name + ": observations need points [M, " + domain.dimension()
                        + "] and values [M], got " + x.shape() + " and " + y.shape());
            }
            this.observedPoints = x;
            this.observedValues = y;
            Tensor values = y;
            return term("data", (u, p) -> u.value().sub(values), Points.OBSERVED, weight);
        }

        /** Trainable PDE coefficients with their initial guesses, read in residuals by {@link Field#coefficient}. */
        public Builder coefficients(Params<Tensor> initial) {
            this.coefficients = Objects.requireNonNull(initial);
            return this;
        }

        /** The exact (or reference) solution, for errors and checks. */
        public Builder exact(Solution s) {
            this.exact = s;
            return this;
        }

        /**
         * A reference solution computed numerically (points [N, d] to values [N]), for errors when
         * there is no closed form.
         */
        public Builder reference(java.util.function.UnaryOperator<Tensor> values) {
            this.reference = values;
            return this;
        }

        /**
         * Satisfy the boundary (and initial) conditions by construction: u = g(x) + f(x) N(x) with
         * the domain's boundary factor f, which vanishes on the boundary (and at the initial time).
         */
        public Builder hardConstraint(Solution g) {
            this.hard = Objects.requireNonNull(g);
            return this;
        }

        /** The problem. */
        public Problem build() {
            if (terms.stream().noneMatch(t -> t.points() == Points.INTERIOR)) {
                throw new IllegalArgumentException(name + ": the problem has no PDE residual (call pde(...) or energy(...))");
            }
            return new Problem(this);
        }
    }

    /** The problem's name. */
    public String name() {
        return name;
    }

    /** The domain. */
    public Domain domain() {
        return domain;
    }

    /**
     * This problem with its points drawn from {@code points} instead: the same region sampled
     * another way, e.g. {@code ((SpaceTime) p.domain()).hammersley()} for DeepXDE's training points.
     *
     * @throws IllegalArgumentException if the dimension differs, or the problem has initial terms and {@code points} is not a space-time domain
     */
    public Problem sampledFrom(Domain points) {
        if (points.dimension() != domain.dimension()) {
            throw new IllegalArgumentException(name + ": sampledFrom needs points of dimension " + domain.dimension() + ", got "
                    + points.dimension());
        }
        if (timeDependent() && !(points instanceof SpaceTime)) {
            throw new IllegalArgumentException(name + ": sampledFrom needs a space-time domain for a space-time problem, got " + points);
        }
        Builder b = new Builder(name, points);
        b.terms.addAll(terms);
        b.exact = exact;
        b.reference = reference;
        b.hard = hard;
        b.coefficients = coefficients;
        b.observedPoints = observedPoints;
        b.observedValues = observedValues;
        return new Problem(b, points);
    }

    /** True for space-time problems (time is the last coordinate). */
    public boolean timeDependent() {
        return domain instanceof SpaceTime;
    }

    /** The loss terms, in order. */
    public List<Term> terms() {
        return terms;
    }

    /** The exact or reference solution, or null. */
    public Solution exact() {
        return exact;
    }

    /**
     * The exact or reference solution at {@code points}: the reference if one was given, else the
     * exact solution evaluated.
     *
     * @throws IllegalStateException if the problem has neither
     */
    public Tensor solutionAt(Tensor points) {
        if (reference != null) {
            return RowBlocks.map(points, reference);
        }
        Func f = exactFunc();
        return RowBlocks.map(points, f::call);
    }

    /** True if errors against a known solution can be measured. */
    public boolean hasSolution() {
        return reference != null || exact != null;
    }

    /** The trainable coefficients' initial values (an empty tree if none). */
    public Params<Tensor> coefficients() {
        return coefficients;
    }

    /** The hard-constraint boundary values g, or null. */
    Solution hardConstraint() {
        return hard;
    }

    Tensor observedPoints() {
        return observedPoints;
    }

    /** {@code n} points for a term from {@code key}. */
    Tensor points(Points where, Key key, int n) {
        switch (where) {
            case INTERIOR: return domain.sample(key, n);
            case BOUNDARY: return domain.sampleBoundary(key, n);
            case INITIAL: return ((SpaceTime) domain).sampleInitial(key, n);
            default: return observedPoints;
        }
    }

    /**
     * The residual of term {@code t} for the solution {@code u} (a function of points and the
     * parameter leaves {@code args[1..]}, or of points only) at {@code args[0]}, with the term's source
     * values (null if it has none): [N], or [2, N] with a two-sample estimator.
     */
    Value residual(Term t, Func u, Value[] args, Value key, Estimator method, Params<Value> coefficients, Value source) {
        Field f = new Field(u, args, key, method, this, coefficients, source);
        Value r = t.residual().apply(f, args[0]);
        int n = args[0].shape().dim(0);
        boolean ok = r.rank() == 1 && r.shape().dim(0) == n || r.rank() == 2 && r.shape().dim(1) == n && r.shape().dim(0) == 2;
        if (!ok) {
            throw new IllegalArgumentException(name + ": the residual of term '" + t.name() + "' has shape " + r.shape()
                    + " but must have one value per point, [" + n + "]");
        }
        return r;
    }

    /** The exact solution as a function of points only, for checks: fails if there is none. */
    public Func exactFunc() {
        if (exact == null) {
            throw new IllegalStateException(name + ": no exact solution was given");
        }
        Solution s = exact;
        return Func.of(x -> s.apply(x)).named("exact(" + name + ")");
    }

    /**
     * The residual of each term for the exact solution at {@code n} points of its kind: how well
     * the exact solution, the source terms and the operators agree (all ~ 0 when they are right; an
     * energy term gives its density, which need not vanish).
     */
    public List<Tensor> exactResiduals(Key key, int n) {
        return exactResiduals(key, n, coefficients);
    }

    /** {@link #exactResiduals(Key, int)} with the given (true) coefficient values. */
    public List<Tensor> exactResiduals(Key key, int n, Params<Tensor> coefficientValues) {
        Func u = exactFunc();
        List<Tensor> out = new ArrayList<>();
        Key[] keys = key.split(terms.size() + 1);
        for (int i = 0; i < terms.size(); i++) {
            Term t = terms.get(i);
            Tensor x = points(t.points(), keys[i], n);
            Func r = Func.of(2, a -> new Value[] {residual(t, u, new Value[] {a[0]}, a[1], Estimator.exact(),
                    coefficientValues.map(c -> a[0].constant(c)), t.source() == null ? null : t.source().apply(a[0]))});
            out.add(r.callAll(x, keys[terms.size()].toTensor())[0]);
        }
        return out;
    }

    @Override
    public String toString() {
        return "Problem(" + name + ", " + domain + ", terms " + terms.stream().map(Term::name).toList() + ")";
    }
}
