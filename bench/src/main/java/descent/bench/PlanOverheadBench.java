package descent.bench;

import descent.ad.AD;
import descent.ad.Func;
import descent.tensor.Value;
import descent.ad.Compiled;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-operation overhead of compiled plans on scalars: a chain of 200 primitive operations
 * (40 rounds of sin, scale, shift, tanh, multiply), evaluated alone and with its derivative. The
 * plan runs the elementwise operations as chains, so this is the cost of one operation in a chain.
 */
@State(Scope.Thread)
public class PlanOverheadBench {
    static final int ROUNDS = 40;
    static final int OPS = 5 * ROUNDS;

    private Compiled valueAndGrad;
    private Compiled value;
    private final Tensor[] x = {Tensor.scalar(0.3)};
    private final double[][] vgOut = {new double[1], new double[1]};
    private final double[][] vOut = {new double[1]};

    static Func chain() {
        return Func.of(x -> {
            Value h = x;
            for (int i = 0; i < ROUNDS; i++) {
                h = h.sin().mul(0.9).add(0.1).mul(h.tanh());
            }
            return h;
        });
    }

    @Setup
    public void setup() {
        Func f = chain();
        value = f.compile(Shape.SCALAR);
        valueAndGrad = AD.valueAndGrad(f).compile(Shape.SCALAR);
        long ops = f.listing(Shape.SCALAR).lines().filter(l -> l.trim().startsWith("%")).count();
        if (ops != OPS) {
            throw new IllegalStateException("the chain traces to " + ops + " operations, expected " + OPS);
        }
    }

    @Benchmark
    public double[][] valueAndGrad() {
        valueAndGrad.runInto(x, vgOut);
        return vgOut;
    }

    @Benchmark
    public double[][] value() {
        value.runInto(x, vOut);
        return vOut;
    }
}
