package descent.bench;

import descent.tensor.BinaryOp;
import descent.tensor.Elementwise;
import descent.tensor.Kernel;
import descent.tensor.Shape;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Arrays;

/**
 * {@code x * 2} with the scalar broadcast over {@code n} elements: a length with many divisors
 * against a prime length, which must cost the same per element.
 */
@State(Scope.Thread)
public class BroadcastBench {
    @Param({"10000000", "9999991"})
    public int n;

    private Kernel kernel;
    private double[][] in;
    private double[] out;

    @Setup
    public void setup() {
        double[] x = new double[n];
        Arrays.fill(x, 1.5);
        in = new double[][] {x, {2.0}};
        out = new double[n];
        kernel = Elementwise.binary(BinaryOp.MUL, Shape.of(n), Shape.SCALAR);
    }

    @Benchmark
    public double[] scale() {
        kernel.run(in, out);
        return out;
    }
}
