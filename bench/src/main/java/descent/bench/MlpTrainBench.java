package descent.bench;

import descent.optim.Context;
import descent.optim.Objective;
import descent.optim.Optimizers;
import descent.optim.Transform;
import descent.tensor.ParamLayout;
import descent.tensor.Params;
import descent.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * An end-to-end training step of the benchmark MLP ({@link MlpBench}'s network): value and
 * gradient through {@code Objective.of} (the compiled plan, leaves copied in and gradients out)
 * followed by an Adam step on the flat parameters, and the same value and gradient alone.
 */
@State(Scope.Thread)
public class MlpTrainBench {
    private Objective objective;
    private Transform adam;
    private descent.optim.State state;
    private double[] x;
    private double[] g;
    private final Context context = new Context();

    /** The benchmark MLP's parameters as a tree (w0, b0, ..., w4, b4) and its input batch. */
    static Params<Tensor> params(Mlp m) {
        Params.Builder<Tensor> b = Params.builder();
        for (int i = 0; i < m.parameterCount(); i++) {
            b.put((i % 2 == 0 ? "w" : "b") + (i / 2), m.args[i]);
        }
        return b.build();
    }

    @Setup
    public void setup() {
        Mlp m = new Mlp(MlpBench.BATCH, MlpBench.IN, MlpBench.WIDTH, MlpBench.HIDDEN, 1);
        Params<Tensor> p = params(m);
        objective = Objective.of(m.loss(), p, m.args[m.parameterCount()]);
        ParamLayout layout = ParamLayout.of(p);
        x = layout.flatten(p);
        g = new double[x.length];
        adam = Optimizers.adam(1e-4);
        state = adam.init(layout, x);
    }

    /** One step: value and gradient, then Adam. */
    public double step() {
        double f = objective.valueAndGrad(x, g);
        context.set(f, null);
        adam.step(g, state, x, context);
        return f;
    }

    /** Value and gradient through the objective adapter alone. */
    public double valueAndGradOnly() {
        return objective.valueAndGrad(x, g);
    }

    @Benchmark
    public double trainStep() {
        return step();
    }

    @Benchmark
    public double valueAndGrad() {
        return valueAndGradOnly();
    }
}
