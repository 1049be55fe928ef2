package descent.bench;

import descent.tensor.Elementwise;
import descent.tensor.Kernel;
import descent.tensor.Reduce;
import descent.tensor.Shape;
import descent.tensor.BinaryOp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Random;

/**
 * Memory-bound kernels on {@value #N} elements with the work split over at most {@code threads}
 * processors ({@code descent.threads}, set before any Descent class loads): {@code a + b},
 * {@code a * b}, {@code where(c, a, b)}, and the sum and maximum of all elements.
 */
@State(Scope.Thread)
public class BinaryKernelBench {
    static final int N = 1 << 20;

    @Param({"1", "2"})
    public int threads;

    private Kernel add;
    private Kernel mul;
    private Kernel where;
    private Kernel sum;
    private Kernel max;
    private double[][] ab;
    private double[][] cab;
    private double[] out;
    private double[] scalar;

    @Setup
    public void setup() {
        System.setProperty("descent.threads", Integer.toString(threads));
        Shape s = Shape.of(N);
        Random r = new Random(7);
        double[] a = new double[N];
        double[] b = new double[N];
        double[] c = new double[N];
        for (int i = 0; i < N; i++) {
            a[i] = r.nextGaussian();
            b[i] = r.nextGaussian();
            c[i] = r.nextBoolean() ? 1 : 0;
        }
        ab = new double[][] {a, b};
        cab = new double[][] {c, a, b};
        out = new double[N];
        scalar = new double[1];
        add = Elementwise.binary(BinaryOp.ADD, s, s);
        mul = Elementwise.binary(BinaryOp.MUL, s, s);
        where = Elementwise.where(s, s, s);
        sum = Reduce.sum(s, new int[] {0});
        max = Reduce.max(s, new int[] {0});
    }

    @Benchmark
    public double[] add() {
        add.run(ab, out);
        return out;
    }

    @Benchmark
    public double[] mul() {
        mul.run(ab, out);
        return out;
    }

    @Benchmark
    public double[] where() {
        where.run(cab, out);
        return out;
    }

    @Benchmark
    public double[] sum() {
        sum.run(ab, scalar);
        return scalar;
    }

    @Benchmark
    public double[] max() {
        max.run(ab, scalar);
        return scalar;
    }
}
