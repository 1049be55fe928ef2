package descent.bench;

import descent.tensor.Elementwise;
import descent.tensor.Kernel;
import descent.tensor.Shape;
import descent.tensor.UnaryOp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Random;

/**
 * One transcendental function over {@value #N} elements on one thread, through the scalar loop or
 * the Vector API loop (forced with {@code descent.simd}, set before any Descent class loads; JMH
 * runs every parameter combination in its own JVM). Arguments are spread over the range where the
 * function is not saturated.
 */
@State(Scope.Thread)
public class UnaryKernelBench {
    static final int N = 4096;

    @Param({"EXP", "EXPM1", "LOG", "LOG1P", "TANH", "SIGMOID", "SOFTPLUS", "SIN", "COS", "TAN", "SINH", "COSH", "ATAN"})
    public String op;

    @Param({"scalar", "simd"})
    public String path;

    private Kernel kernel;
    private double[][] in;
    private double[] out;

    @Setup
    public void setup() {
        System.setProperty("descent.simd", Boolean.toString(path.equals("simd")));
        UnaryOp f = UnaryOp.valueOf(op);
        double lo = f == UnaryOp.LOG ? 1e-3 : f == UnaryOp.LOG1P ? -0.9 : f == UnaryOp.SIN || f == UnaryOp.COS || f == UnaryOp.TAN ? -10 : -5;
        double hi = f == UnaryOp.LOG ? 1e3 : f == UnaryOp.SIN || f == UnaryOp.COS || f == UnaryOp.TAN ? 10 : 5;
        Random r = new Random(5);
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = lo + (hi - lo) * r.nextDouble();
        }
        in = new double[][] {x};
        out = new double[N];
        kernel = Elementwise.unary(f, Shape.of(N));
    }

    @Benchmark
    public double[] run() {
        kernel.run(in, out);
        return out;
    }
}
