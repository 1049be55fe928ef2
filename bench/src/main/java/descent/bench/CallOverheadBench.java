package descent.bench;

import descent.ad.AD;
import descent.ad.Compiled;
import descent.ad.Func;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of the natural idiom {@code AD.grad(f).call(x)} inside a loop, next to a hoisted
 * gradient function, a raw compiled plan, and a function traced anew at every call (what the
 * idiom cost before transforms were memoized).
 */
@State(Scope.Thread)
public class CallOverheadBench {
    private final Func f = Func.of(x -> x.sin().mul(x).sum());
    private final Tensor[] x = {Tensor.of(0.5, 1.0, 2.0)};
    private Func hoisted;
    private Compiled compiled;
    private final double[][] out = {new double[3]};

    @Setup
    public void setup() {
        hoisted = AD.grad(f);
        compiled = hoisted.compile(Shape.of(3));
    }

    @Benchmark
    public Tensor gradInLoop() {
        return AD.grad(f).call(x);
    }

    @Benchmark
    public Tensor gradHoisted() {
        return hoisted.call(x);
    }

    @Benchmark
    public double[][] compiledPlan() {
        compiled.runInto(x, out);
        return out;
    }

    @Benchmark
    public Tensor tracedEveryCall() {
        return AD.grad(Func.of(v -> v.sin().mul(v).sum())).call(x);
    }
}
