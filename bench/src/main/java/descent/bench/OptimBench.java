package descent.bench;

import descent.optim.Context;
import descent.optim.Optimizers;
import descent.optim.Transform;
import descent.tensor.ParamLayout;
import descent.tensor.Params;
import descent.tensor.Rng;
import descent.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;

import java.util.stream.IntStream;

/**
 * One optimizer step on {@value #N} float64 parameters (SGD with momentum, Adam, AdamW, Lion, the
 * fused multi-threaded kernels of descent.optim), beside a STREAM-like triad
 * {@code a = b + s c} over arrays of the same length on all cores and on one, which measures the
 * machine's memory bandwidth in the same run, and an in-place {@code a += s b} (whose written
 * lines were just read, like an optimizer's state, so no write-allocate traffic). Report divides
 * the memory traffic of each kernel by its time: the optimizer steps read and write
 * {@code 8 N} bytes per array; the triad moves four arrays, counting the read of {@code a} that
 * writing a line not in cache costs (STREAM itself counts three).
 */
@org.openjdk.jmh.annotations.State(Scope.Benchmark)
public class OptimBench {
    /** Number of parameters. */
    static final int N = 10_000_000;

    /** Bytes each benchmark reads and writes per call: 8 N times the arrays read plus the arrays written. */
    static final long SGD_MOMENTUM_BYTES = 8L * N * (3 + 2);
    static final long ADAM_BYTES = 8L * N * (4 + 3);
    static final long LION_BYTES = 8L * N * (3 + 2);
    static final long TRIAD_BYTES = 8L * N * (2 + 1 + 1);
    static final long AXPY_BYTES = 8L * N * (2 + 1);

    private double[] g;
    private double[] pSgd;
    private double[] pAdam;
    private double[] pAdamW;
    private double[] pLion;
    private Transform sgd;
    private Transform adam;
    private Transform adamW;
    private Transform lion;
    private descent.optim.State sgdState;
    private descent.optim.State adamState;
    private descent.optim.State adamWState;
    private descent.optim.State lionState;
    private final Context context = new Context();
    private double[] a;
    private double[] b;
    private double[] c;
    private int ways;

    @Setup
    public void setup() {
        ParamLayout layout = ParamLayout.of(Params.of("x", Tensor.zeros(N)));
        Rng rng = new Rng(1);
        g = rng.normal(N).toArray();
        double[] p0 = rng.normal(N).toArray();
        pSgd = p0.clone();
        pAdam = p0.clone();
        pAdamW = p0.clone();
        pLion = p0.clone();
        sgd = Optimizers.sgd(1e-6, 0.9);
        adam = Optimizers.adam(1e-6);
        adamW = Optimizers.adamW(1e-6);
        lion = Optimizers.lion(1e-6);
        sgdState = sgd.init(layout, pSgd);
        adamState = adam.init(layout, pAdam);
        adamWState = adamW.init(layout, pAdamW);
        lionState = lion.init(layout, pLion);
        a = new double[N];
        b = rng.normal(N).toArray();
        c = rng.normal(N).toArray();
        ways = Runtime.getRuntime().availableProcessors();
    }

    @Benchmark
    public double[] sgdMomentum() {
        sgd.step(g, sgdState, pSgd, context);
        return pSgd;
    }

    @Benchmark
    public double[] adam() {
        adam.step(g, adamState, pAdam, context);
        return pAdam;
    }

    @Benchmark
    public double[] adamW() {
        adamW.step(g, adamWState, pAdamW, context);
        return pAdamW;
    }

    @Benchmark
    public double[] lion() {
        lion.step(g, lionState, pLion, context);
        return pLion;
    }

    private void triad(int lo, int hi) {
        double[] x = a;
        double[] y = b;
        double[] z = c;
        for (int i = lo; i < hi; i++) {
            x[i] = y[i] + 3.0 * z[i];
        }
    }

    /** The triad split into one contiguous chunk per processor. */
    @Benchmark
    public double[] triad() {
        int chunk = (N + ways - 1) / ways;
        IntStream.range(0, ways).parallel().forEach(w -> triad(w * chunk, Math.min(N, (w + 1) * chunk)));
        return a;
    }

    private void axpy(int lo, int hi) {
        double[] x = a;
        double[] y = b;
        for (int i = lo; i < hi; i++) {
            x[i] += 1e-9 * y[i];
        }
    }

    /** In place {@code a += s b}, one contiguous chunk per processor. */
    @Benchmark
    public double[] axpy() {
        int chunk = (N + ways - 1) / ways;
        IntStream.range(0, ways).parallel().forEach(w -> axpy(w * chunk, Math.min(N, (w + 1) * chunk)));
        return a;
    }

    private double[] u;
    private double[] v;
    private double[] w;

    private void pattern(int lo, int hi) {
        double[] x = a;
        double[] y = u;
        double[] z = v;
        double[] q = w;
        for (int i = lo; i < hi; i++) {
            double s = x[i] + y[i] + z[i] + q[i];
            y[i] = s;
            z[i] = s;
            q[i] = s;
        }
    }

    /**
     * A kernel with no arithmetic to speak of and Adam's access pattern (four arrays read, three
     * of them written back): the bandwidth a fused Adam step could reach at best.
     */
    @Benchmark
    public double[] adamPattern() {
        if (u == null) {
            u = new double[N];
            v = new double[N];
            w = new double[N];
        }
        int chunk = (N + ways - 1) / ways;
        IntStream.range(0, ways).parallel().forEach(k -> pattern(k * chunk, Math.min(N, (k + 1) * chunk)));
        return w;
    }

    /** The triad on one thread. */
    @Benchmark
    public double[] triadSingleThread() {
        triad(0, N);
        return a;
    }
}
