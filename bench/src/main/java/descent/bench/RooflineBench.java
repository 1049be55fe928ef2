package descent.bench;

import descent.tensor.Kernel;
import descent.tensor.MatMul;
import descent.tensor.Rng;
import descent.tensor.Shape;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The machine's float64 GEMM roofline: C = A B for n x n matrices through the active matmul backend. */
@State(Scope.Thread)
public class RooflineBench {
    @Param({"128", "512", "1024"})
    public int n;

    private Kernel kernel;
    private double[][] in;
    private double[] out;

    @Setup
    public void setup() {
        Shape s = Shape.of(n, n);
        kernel = MatMul.kernel(s, s, false, false);
        Rng rng = new Rng(3);
        in = new double[][] {rng.normal(n, n).toArray(), rng.normal(n, n).toArray()};
        out = new double[n * n];
    }

    @Benchmark
    public double[] gemm() {
        kernel.run(in, out);
        return out;
    }
}
