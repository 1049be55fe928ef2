package descent.pinn;

import descent.ad.AD;
import descent.ad.Compiled;
import descent.ad.Func;
import descent.optim.Minimize;
import descent.optim.NonFiniteException;
import descent.optim.Objective;
import descent.optim.Result;
import descent.stde.Estimator;
import descent.tensor.Key;
import descent.tensor.ParamLayout;
import descent.tensor.Params;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import descent.tensor.Value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A physics-informed network for a {@link Problem}: the network (with the problem's hard
 * constraint, if any), its collocation points, how differential operators are evaluated (exactly
 * or by STDE), the loss, training through {@code descent.optim.Minimize}, and errors against the
 * problem's solution.
 *
 * <p>The loss is sum_t w_t mean(r_t^2) over the problem's terms (with a two-sample estimator,
 * mean(r_t,1 r_t,2), unbiased). Parameters are the tree {net: ..., coef: ...} (coef only for
 * problems with trainable coefficients). Collocation points are drawn from a key, afresh every
 * {@code resampleEvery} steps, and estimators draw new coordinates or probes at every step, all
 * passed to one compiled plan as arguments. A {@link Refinement} adds points where the residual is
 * largest during training.
 *
 * <pre>{@code
 * Problem p = Zoo.twoBody(Equation.ALLEN_CAHN, 100, Key.of(1));
 * Pinn pinn = Pinn.builder(p, Mlp.builder(100).hidden(128, 3).build()).estimator(Estimator.sparse(16)).points(100).build();
 * Training t = pinn.train(pinn.init(Key.of(0)), Phase.adam(10_000, Schedule.linear(1e-3, 0, 10_000)));
 * double error = pinn.relativeL2(t.params(), p.domain().sampleHeldOut(Key.of(2), 20_000));
 * }</pre>
 */
public final class Pinn {
    private final Problem problem;
    private final Mlp network;
    private final Estimator method;
    private final int[] counts;
    private final SourceEvaluator[] sources;
    private final int[] sourceSlot;
    private final int sourceCount;
    private final int resampleEvery;
    private final long seed;
    private final int metricEvery;
    private final int testPoints;
    private final Minimize.Callback progress;
    private final Params<Shape> netShapes;
    private final Params<Shape> shapes;
    private final Func solution;
    private final Func loss;
    private final Func termLosses;
    private final Func residualNorm;

    private Pinn(Builder b) {
        this.problem = b.problem;
        this.network = b.network;
        this.method = b.method;
        this.resampleEvery = b.resampleEvery;
        this.seed = b.seed;
        this.metricEvery = b.metricEvery;
        this.testPoints = b.testPoints;
        this.progress = b.progress;
        if (network.inputs() != problem.domain().dimension()) {
            throw new IllegalArgumentException(problem.name() + ": the network takes " + network.inputs()
                    + " inputs but the domain's points have dimension " + problem.domain().dimension());
        }
        List<Problem.Term> terms = problem.terms();
        this.counts = new int[terms.size()];
        this.sources = new SourceEvaluator[terms.size()];
        this.sourceSlot = new int[terms.size()];
        int slots = 0;
        for (int i = 0; i < counts.length; i++) {
            Problem.Term t = terms.get(i);
            sourceSlot[i] = t.source() == null ? -1 : slots++;
            sources[i] = t.source() == null ? null : new SourceEvaluator(t.source(), t.name());
            counts[i] = switch (t.points()) {
                case INTERIOR -> b.points;
                case BOUNDARY -> b.boundaryPoints;
                case INITIAL -> b.initialPoints;
                case OBSERVED -> problem.observedPoints().shape().dim(0);
            };
        }
        this.sourceCount = slots;
        this.netShapes = network.shapes();
        Params.Builder<Shape> tree = Params.<Shape>builder().put("net", netShapes);
        if (problem.coefficients().leafCount() > 0) {
            tree.put("coef", problem.coefficients().map(Tensor::shape));
        }
        this.shapes = tree.build();
        this.solution = buildSolution();
        this.loss = buildLoss(false);
        this.termLosses = buildLoss(true);
        this.residualNorm = buildResidualNorm();
    }

    /** Starts a PINN for {@code problem} with {@code network}. */
    public static Builder builder(Problem problem, Mlp network) {
        return new Builder(problem, network);
    }

    /** Choices of a PINN: operator evaluation, points, resampling, metrics. */
    public static final class Builder {
        private final Problem problem;
        private final Mlp network;
        private Estimator method = Estimator.exact();
        private int points = 100;
        private int boundaryPoints = 100;
        private int initialPoints = 100;
        private int resampleEvery = 1;
        private long seed;
        private int metricEvery = 100;
        private int testPoints = 2000;
        private Minimize.Callback progress;

        private Builder(Problem problem, Mlp network) {
            this.problem = problem;
            this.network = network;
        }

        /** How differential operators in the residuals are evaluated (default exact; e.g. {@code Estimator.sparse(16)}). */
        public Builder estimator(Estimator m) {
            this.method = m;
            return this;
        }

        /** Interior collocation points per step (default 100). */
        public Builder points(int n) {
            this.points = positive("points", n);
            return this;
        }

        /** Boundary points per step (default 100). */
        public Builder boundaryPoints(int n) {
            this.boundaryPoints = positive("boundaryPoints", n);
            return this;
        }

        /** Initial-time points per step (default 100). */
        public Builder initialPoints(int n) {
            this.initialPoints = positive("initialPoints", n);
            return this;
        }

        /**
         * Draw new collocation points every {@code k} steps (default 1); a method phase draws once,
         * at its first step. {@code Integer.MAX_VALUE} keeps the first set for the whole training,
         * across phases, as DeepXDE does.
         */
        public Builder resampleEvery(int k) {
            this.resampleEvery = positive("resampleEvery", k);
            return this;
        }

        /** The seed of the points' and estimators' keys (default 0). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Measure the error against the problem's solution every {@code k} steps on {@code n} test points (default 100, 2000). */
        public Builder metrics(int k, int n) {
            this.metricEvery = positive("metric interval", k);
            this.testPoints = positive("test points", n);
            return this;
        }

        /**
         * Calls {@code callback} after every step of every phase (for example a
         * {@link descent.optim.ProgressLine} or a notebook display); default none.
         */
        public Builder progress(Minimize.Callback callback) {
            this.progress = callback;
            return this;
        }

        private static int positive(String what, int n) {
            if (n < 1) {
                throw new IllegalArgumentException("Pinn: " + what + " must be at least 1, got " + n);
            }
            return n;
        }

        /** The PINN. */
        public Pinn build() {
            return new Pinn(this);
        }
    }

    /** The problem. */
    public Problem problem() {
        return problem;
    }

    /** Initial parameters: the network's from {@code key} and the problem's initial coefficients. */
    public Params<Tensor> init(Key key) {
        Params.Builder<Tensor> b = Params.<Tensor>builder().put("net", network.init(key));
        if (problem.coefficients().leafCount() > 0) {
            b.put("coef", problem.coefficients());
        }
        return b.build();
    }

    /** The candidate solution as a function (points [N, d], network parameters) -&gt; [N], hard constraint included. */
    public Func solution() {
        return solution;
    }

    private Func buildSolution() {
        Func net = network.func();
        Solution hard = problem.hardConstraint();
        if (hard == null) {
            return net;
        }
        Domain domain = problem.domain();
        return Func.of(new Params<?>[] {null, netShapes}, xs -> {
            Value x = xs[0];
            Value n = net.applyAll(xs)[0];
            return new Value[] {hard.apply(x).add(domain.boundaryFactor(x).mul(n))};
        }).named("u(" + problem.name() + ")");
    }

    /** The trainable PDE coefficients of a parameter tree {net, coef}, empty without them. */
    private static Params<Value> coefficients(Params<Value> theta) {
        return theta.names().contains("coef") ? theta.sub("coef") : Params.empty();
    }

    /** The solution's arguments: the points, then the network's parameter leaves (the first {@code netLeaves} of {@code xs}). */
    private static Value[] networkArgs(Value pts, Value[] xs, int netLeaves) {
        Value[] args = new Value[netLeaves + 1];
        args[0] = pts;
        System.arraycopy(xs, 0, args, 1, netLeaves);
        return args;
    }

    /**
     * The loss (or, with {@code perTerm}, the vector of per-term losses) of (parameters, points per
     * term..., source values per term with a source..., key).
     */
    private Func buildLoss(boolean perTerm) {
        List<Problem.Term> terms = problem.terms();
        Params<?>[] sig = new Params<?>[terms.size() + sourceCount + 2];
        sig[0] = shapes;
        int netLeaves = netShapes.leafCount();
        int leaves = shapes.leafCount();
        return Func.of(sig, xs -> {
            Params<Value> theta = shapes.withLeaves(Arrays.asList(xs).subList(0, leaves));
            Params<Value> coef = coefficients(theta);
            Value key = xs[xs.length - 1];
            Value total = null;
            Value[] each = new Value[terms.size()];
            for (int t = 0; t < terms.size(); t++) {
                Value pts = xs[leaves + t];
                Value[] args = networkArgs(pts, xs, netLeaves);
                Value termKey = descent.tensor.Random.foldIn(key, key.constant(t));
                Value source = sourceSlot[t] < 0 ? null : xs[leaves + terms.size() + sourceSlot[t]];
                Value r = problem.residual(terms.get(t), solution, args, termKey, method, coef, source);
                Value l = terms.get(t).energy() ? r.mean()
                        : r.rank() == 2 ? r.index(0, 0).mul(r.index(0, 1)).mean() : r.square().mean();
                each[t] = l;
                Value weighted = l.mul(terms.get(t).weight());
                total = total == null ? weighted : total.add(weighted);
            }
            return new Value[] {perTerm ? Value.stack(0, each) : total};
        }).named((perTerm ? "terms(" : "loss(") + problem.name() + ")");
    }

    /**
     * The loss function: (parameters, points for each term..., source values for each term with a
     * source..., key [2]) -&gt; scalar; {@link #points} gives the arguments between parameters and key.
     */
    public Func loss() {
        return loss;
    }

    /**
     * The collocation points of every term for the given key, followed by the source values [N]
     * of every term that has a source (evaluated at that term's points): the loss's data arguments.
     */
    public Tensor[] points(Key key) {
        return points(key, null);
    }

    /** {@link #points(Key)} with {@code anchors} [M, d] (or null) appended to the points of every interior term. */
    private Tensor[] points(Key key, Tensor anchors) {
        Key[] keys = key.split(counts.length);
        Tensor[] pts = new Tensor[counts.length + sourceCount];
        for (int t = 0; t < counts.length; t++) {
            Problem.Points where = problem.terms().get(t).points();
            pts[t] = problem.points(where, keys[t], counts[t]);
            if (anchors != null && where == Problem.Points.INTERIOR) {
                pts[t] = Tensor.concat(0, pts[t], anchors);
            }
            if (sources[t] != null) {
                pts[counts.length + sourceSlot[t]] = sources[t].at(pts[t]);
            }
        }
        return pts;
    }

    /** Each term's loss (unweighted) at the given parameters, data arguments (from {@link #points}) and key. */
    public double[] termLosses(Params<Tensor> params, Tensor[] points, Key key) {
        Object[] args = new Object[points.length + 2];
        args[0] = params;
        System.arraycopy(points, 0, args, 1, points.length);
        args[args.length - 1] = key.toTensor();
        return termLosses.eval(args).tensor(0).toArray();
    }

    /** The network's prediction at points [N, d]. */
    public Tensor predict(Params<Tensor> params, Tensor points) {
        Params<Tensor> net = params.sub("net");
        return RowBlocks.map(points, block -> solution.eval(block, net).tensor(0));
    }

    /**
     * The magnitude of the PDE residual at each of the points [N, d] for the given parameters, with
     * exact operators: |r(x)|, or sqrt(sum_t r_t(x)^2) over the problem's PDE terms (its interior
     * terms other than energy densities) -&gt; [N].
     *
     * @throws IllegalStateException if the problem has no PDE residual term (only an energy form)
     */
    public Tensor residualNorms(Params<Tensor> params, Tensor points) {
        if (residualNorm == null) {
            throw new IllegalStateException(problem.name() + ": residualNorms needs a PDE residual term, the problem has only an energy form");
        }
        if (points.rank() != 2 || points.shape().dim(1) != problem.domain().dimension()) {
            throw new IllegalArgumentException(problem.name() + ": residualNorms needs points [N, " + problem.domain().dimension()
                    + "], got " + points.shape());
        }
        List<Problem.Term> terms = problem.terms();
        return RowBlocks.map(points, block -> {
            List<Object> args = new ArrayList<>();
            args.add(params);
            args.add(block);
            for (int t = 0; t < terms.size(); t++) {
                if (residualTerm(terms.get(t)) && sources[t] != null) {
                    args.add(sources[t].at(block));
                }
            }
            return residualNorm.eval(args.toArray()).tensor(0);
        });
    }

    /**
     * The {@code add} rows of {@code candidates} [N, d] with the largest {@link #residualNorms}, in
     * decreasing order of the residual: the points a {@link Refinement} round adds.
     */
    public Tensor refinementPoints(Params<Tensor> params, Tensor candidates, int add) {
        return largest(candidates, residualNorms(params, candidates).toArray(), add);
    }

    private static Tensor largest(Tensor candidates, double[] scores, int add) {
        int n = scores.length;
        if (add < 1 || add > n) {
            throw new IllegalArgumentException("refinementPoints: needs 1 <= add <= " + n + " candidates, got " + add);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        int d = candidates.shape().dim(1);
        double[] all = candidates.toArray();
        double[] out = new double[add * d];
        for (int i = 0; i < add; i++) {
            System.arraycopy(all, order[i] * d, out, i * d, d);
        }
        return Tensor.copyOf(out, add, d);
    }

    private static boolean residualTerm(Problem.Term t) {
        return t.points() == Problem.Points.INTERIOR && !t.energy();
    }

    /** (parameters, points, source values of each PDE term with a source...) -&gt; residual magnitude [N]; null without PDE terms. */
    private Func buildResidualNorm() {
        List<Problem.Term> terms = problem.terms();
        int[] slot = new int[terms.size()];
        int slots = 0;
        boolean any = false;
        for (int t = 0; t < terms.size(); t++) {
            any |= residualTerm(terms.get(t));
            slot[t] = residualTerm(terms.get(t)) && sources[t] != null ? slots++ : -1;
        }
        if (!any) {
            return null;
        }
        Params<?>[] sig = new Params<?>[2 + slots];
        sig[0] = shapes;
        int netLeaves = netShapes.leafCount();
        int leaves = shapes.leafCount();
        return Func.of(sig, xs -> {
            Params<Value> theta = shapes.withLeaves(Arrays.asList(xs).subList(0, leaves));
            Params<Value> coef = coefficients(theta);
            Value pts = xs[leaves];
            Value[] args = networkArgs(pts, xs, netLeaves);
            Value key = pts.constant(Key.of(seed).toTensor());
            Value sum = null;
            for (int t = 0; t < terms.size(); t++) {
                if (!residualTerm(terms.get(t))) {
                    continue;
                }
                Value source = slot[t] < 0 ? null : xs[leaves + 1 + slot[t]];
                Value r2 = problem.residual(terms.get(t), solution, args, key, Estimator.exact(), coef, source).square();
                sum = sum == null ? r2 : sum.add(r2);
            }
            return new Value[] {sum.sqrt()};
        }).named("residual(" + problem.name() + ")");
    }

    /** ||u - u*||_2 / ||u*||_2 over the points, against the problem's exact or reference solution. */
    public double relativeL2(Params<Tensor> params, Tensor points) {
        return relative(params, points, 2);
    }

    /** ||u - u*||_1 / ||u*||_1 over the points. */
    public double relativeL1(Params<Tensor> params, Tensor points) {
        return relative(params, points, 1);
    }

    private double relative(Params<Tensor> params, Tensor points, int p) {
        return relative(predict(params, points), problem.solutionAt(points), p);
    }

    private static double relative(Tensor u, Tensor exact, int p) {
        Tensor e = u.sub(exact);
        return p == 2 ? e.norm().item() / exact.norm().item() : e.abs().sum().item() / exact.abs().sum().item();
    }

    /**
     * Trains from {@code init} through the phases in order, each a run of {@code Minimize}, and
     * records the loss history, every term's loss and the relative L2 error every metric interval.
     *
     * @throws IllegalStateException naming the step, the phase and the loss term if the loss becomes non-finite
     */
    public Training train(Params<Tensor> init, Phase... phases) {
        return train(init, null, phases);
    }

    /**
     * {@link #train(Params, Phase...)}, then the rounds of {@code refinement} (null: none): each
     * adds the points of largest PDE residual among fresh random candidates to the interior points
     * and runs the refinement's phases again, until the mean residual falls below its threshold.
     * The candidates of round k are drawn from the key {@code Key.of(seed).foldIn(0x4a4).foldIn(k)}.
     *
     * @throws IllegalStateException naming the step, the phase and the loss term if the loss becomes non-finite
     */
    public Training train(Params<Tensor> init, Refinement refinement, Phase... phases) {
        ParamLayout layout = ParamLayout.ofShapes(shapes);
        layout.check(init, problem.name() + ": initial parameters");
        if (refinement != null && residualNorm == null) {
            throw new IllegalArgumentException(problem.name() + ": a refinement needs a PDE residual term, the problem has only an energy form");
        }
        Tensor test = problem.hasSolution() ? problem.domain().sampleHeldOut(Key.of(seed).foldIn(0x7e57), testPoints) : null;
        Run run = new Run(layout, test, test == null ? null : problem.solutionAt(test), init);
        run.phases(phases);
        List<Refinement.Round> rounds = new ArrayList<>();
        for (int k = 0; refinement != null && k < refinement.rounds(); k++) {
            Tensor candidates = problem.domain().sampleHeldOut(Key.of(seed).foldIn(0x4a4).foldIn(k), refinement.candidates());
            double[] scores = residualNorms(run.params, candidates).toArray();
            double mean = Arrays.stream(scores).average().orElse(Double.NaN);
            double max = Arrays.stream(scores).max().orElse(Double.NaN);
            if (mean < refinement.threshold()) {
                rounds.add(new Refinement.Round(run.offset, mean, max, null));
                break;
            }
            Tensor added = largest(candidates, scores, refinement.add());
            rounds.add(new Refinement.Round(run.offset, mean, max, added));
            run.anchors = run.anchors == null ? added : Tensor.concat(0, run.anchors, added);
            run.phases(refinement.retrain().toArray(new Phase[0]));
        }
        return new Training(run.params, run.results, run.records, problem.terms().stream().map(Problem.Term::name).toList(),
                System.nanoTime() - run.start, rounds);
    }

    /** The state of one training: parameters, step count, extra interior points, results and records so far. */
    private final class Run {
        final ParamLayout layout;
        final Tensor test;
        final Tensor exact;
        final List<Training.Record> records = new ArrayList<>();
        final List<Result> results = new ArrayList<>();
        final long start = System.nanoTime();
        Params<Tensor> params;
        long offset;
        Tensor anchors;

        Run(ParamLayout layout, Tensor test, Tensor exact, Params<Tensor> init) {
            this.layout = layout;
            this.test = test;
            this.exact = exact;
            this.params = init;
        }

        void phases(Phase... phases) {
            for (Phase phase : phases) {
                StepObjective objective = new StepObjective(layout, offset, phase.fixedPoints(), anchors);
                long phaseOffset = offset;
                Minimize m = (phase.fixedPoints() ? Minimize.with(phase.method()) : Minimize.with(phase.optimizer()))
                        .steps(phase.steps()).every(metricEvery, progress -> {
                    Params<Tensor> now = progress.params();
                    double err = exact == null ? Double.NaN : relative(predict(now, test), exact, 2);
                    double[] terms = termLosses(now, objective.points, objective.key);
                    records.add(new Training.Record(phaseOffset + progress.step(), progress.loss(), err, terms,
                            System.nanoTime() - start));
                });
                if (progress != null) {
                    m.every(1, progress);
                }
                Result r;
                try {
                    r = m.run(objective, params);
                } catch (NonFiniteException e) {
                    throw nonFinite(e, objective, phase);
                }
                objective.release();
                results.add(r);
                params = r.params();
                offset += r.steps();
            }
        }
    }

    private IllegalStateException nonFinite(NonFiniteException e, StepObjective objective, Phase phase) {
        String which = "";
        try {
            double[] terms = termLosses(objective.lastParams(), objective.points, objective.key);
            for (int t = 0; t < terms.length; t++) {
                if (!Double.isFinite(terms[t])) {
                    which = "; the loss term '" + problem.terms().get(t).name() + "' is " + terms[t];
                    break;
                }
            }
        } catch (RuntimeException ignored) {
            which = "";
        }
        return new IllegalStateException(problem.name() + ": training phase '" + phase.name() + "' met a non-finite value: "
                + e.getMessage() + which, e);
    }

    /**
     * The objective Minimize sees: at each evaluation a fresh key (and, every resampleEvery
     * evaluations, fresh points), the loss and its gradient from one compiled plan.
     */
    private final class StepObjective implements Objective {
        private final ParamLayout layout;
        private final long offset;
        private final boolean fixed;
        private final Tensor anchors;
        private final Func valueAndGrad = AD.valueAndGrad(loss, 0);
        private final double[][] inputs;
        private final int[] inputOffsets;
        private final double[] keyData = new double[2];
        private final double[] value = new double[1];
        private final double[][] outputs;
        private final int[] outputOffsets;
        private Compiled plan;
        private long evaluations;
        private double[] last;
        Tensor[] points;
        Key key;

        StepObjective(ParamLayout layout, long offset, boolean fixed, Tensor anchors) {
            this.fixed = fixed;
            this.anchors = anchors;
            this.layout = layout;
            this.offset = offset;
            int n = layout.leafCount();
            inputs = new double[n + counts.length + sourceCount + 1][];
            inputOffsets = new int[inputs.length];
            for (int i = 0; i < n; i++) {
                inputOffsets[i] = layout.offset(i);
            }
            inputs[inputs.length - 1] = keyData;
            outputs = new double[n + 1][];
            outputOffsets = new int[n + 1];
            outputs[0] = value;
            for (int i = 0; i < n; i++) {
                outputOffsets[i + 1] = layout.offset(i);
            }
        }

        /** Drops the references to the optimizer's arrays and the points once the phase is over. */
        void release() {
            Arrays.fill(inputs, null);
            points = null;
            Arrays.fill(outputs, 1, outputs.length, null);
            last = null;
        }

        Params<Tensor> lastParams() {
            return layout.unflatten(last.clone());
        }

        @Override
        public double valueAndGrad(double[] x, double[] grad) {
            long step = fixed ? offset : offset + evaluations;
            evaluations++;
            Key base = Key.of(seed);
            int n = layout.leafCount();
            if (points == null || (!fixed && step % resampleEvery == 0)) {
                points = null;
                Arrays.fill(inputs, n, inputs.length - 1, null);
                points = points(base.foldIn(2 * (step / resampleEvery) + 1), anchors);
                for (int t = 0; t < points.length; t++) {
                    inputs[n + t] = points[t].contiguousData();
                }
            }
            key = base.foldIn(2 * step + 2);
            keyData[0] = key.word(0);
            keyData[1] = key.word(1);
            for (int i = 0; i < n; i++) {
                inputs[i] = x;
            }
            for (int i = 1; i <= n; i++) {
                outputs[i] = grad;
            }
            if (plan == null) {
                Shape[] s = new Shape[inputs.length];
                for (int i = 0; i < n; i++) {
                    s[i] = layout.shape(i);
                }
                for (int t = 0; t < points.length; t++) {
                    s[n + t] = points[t].shape();
                }
                s[s.length - 1] = Shape.of(2);
                plan = valueAndGrad.compile(s);
            }
            last = x;
            plan.runInto(inputs, inputOffsets, outputs, outputOffsets);
            return value[0];
        }
    }
}
