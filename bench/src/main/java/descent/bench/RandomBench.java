package descent.bench;

import descent.tensor.Kernel;
import descent.tensor.Key;
import descent.tensor.Rng;
import descent.tensor.Sampling;
import descent.tensor.Shape;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Throughput of the keyed sampling kernels against {@link SplittableRandom} filling the same
 * arrays on one thread, in nanoseconds per element: uniform and normal fills of {@value #N}
 * elements (below the size where kernels split across threads), the same kernels on
 * {@value #BIG} elements (split across all processors), and one draw of 16 distinct coordinates
 * of 1,000,000, against the sequential generator's hash-map partial shuffle.
 *
 * <p>{@code java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar descent.bench.RandomBench [--quick]}
 * runs them and prints medians with the processor model and the ratios.
 */
@State(Scope.Thread)
public class RandomBench {
    static final int N = 16_384;
    static final int BIG = 1 << 20;

    private final double[][] key = {Key.of(1).toTensor().toArray()};
    private final double[] out = new double[N];
    private final double[] bigOut = new double[BIG];
    private final double[] coords = new double[16];
    private Kernel uniform;
    private Kernel normal;
    private Kernel rademacher;
    private Kernel bigUniform;
    private Kernel bigNormal;
    private Kernel choice;
    private SplittableRandom splittable;
    private Rng rng;

    @Setup
    public void setup() {
        uniform = Sampling.uniform(Shape.of(N), 0, 1);
        normal = Sampling.normal(Shape.of(N), 0, 1);
        rademacher = Sampling.rademacher(Shape.of(N));
        bigUniform = Sampling.uniform(Shape.of(BIG), 0, 1);
        bigNormal = Sampling.normal(Shape.of(BIG), 0, 1);
        choice = Sampling.choice(1_000_000, 16);
        splittable = new SplittableRandom(1);
        rng = new Rng(1);
    }

    @Benchmark
    public double[] keyedUniform() {
        uniform.run(key, out);
        return out;
    }

    @Benchmark
    public double[] keyedNormal() {
        normal.run(key, out);
        return out;
    }

    @Benchmark
    public double[] keyedRademacher() {
        rademacher.run(key, out);
        return out;
    }

    @Benchmark
    public double[] splittableUniform() {
        for (int i = 0; i < N; i++) {
            out[i] = splittable.nextDouble();
        }
        return out;
    }

    @Benchmark
    public double[] splittableNormal() {
        for (int i = 0; i < N; i++) {
            out[i] = splittable.nextGaussian();
        }
        return out;
    }

    @Benchmark
    public double[] keyedUniformAllCores() {
        bigUniform.run(key, bigOut);
        return bigOut;
    }

    @Benchmark
    public double[] keyedNormalAllCores() {
        bigNormal.run(key, bigOut);
        return bigOut;
    }

    @Benchmark
    public double[] keyedChoice() {
        choice.run(key, coords);
        return coords;
    }

    @Benchmark
    public int[] sequentialChoice() {
        return rng.choice(1_000_000, 16);
    }

    /** Runs the benchmarks and prints medians (ns per element, ns per choice) and ratios. */
    public static void main(String[] args) throws RunnerException, IOException {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        Options opts = new OptionsBuilder()
                .include(RandomBench.class.getName() + ".")
                .mode(Mode.SampleTime)
                .timeUnit(TimeUnit.NANOSECONDS)
                .forks(1)
                .warmupIterations(quick ? 2 : 4)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 3 : 8)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("--add-modules", "jdk.incubator.vector")
                .build();
        Collection<RunResult> results = new Runner(opts).run();
        Map<String, Double> median = new HashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            median.put(name.substring(name.lastIndexOf('.') + 1), r.getPrimaryResult().getStatistics().getPercentile(50));
        }
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%nKeyed sampling (Threefry-2x32-20) vs java.util.SplittableRandom, medians of JMH sample time%n"));
        s.append(String.format(Locale.ROOT, "CPU: %s, %d processors%n%n", cpuModel(), Runtime.getRuntime().availableProcessors()));
        double su = median.get("splittableUniform") / N;
        double sn = median.get("splittableNormal") / N;
        s.append(String.format(Locale.ROOT, "%-34s %10s %10s%n", "one thread, " + N + " elements", "ns/elem", "ratio"));
        line(s, "uniform  keyed", median.get("keyedUniform") / N, su);
        line(s, "uniform  SplittableRandom", su, su);
        line(s, "normal   keyed (AS 241 quantile)", median.get("keyedNormal") / N, sn);
        line(s, "normal   SplittableRandom", sn, sn);
        line(s, "rademacher keyed", median.get("keyedRademacher") / N, su);
        s.append(String.format(Locale.ROOT, "%n%-34s %10s %10s%n", "all processors, " + BIG + " elements", "ns/elem", "ratio"));
        line(s, "uniform  keyed", median.get("keyedUniformAllCores") / BIG, su);
        line(s, "normal   keyed", median.get("keyedNormalAllCores") / BIG, sn);
        s.append(String.format(Locale.ROOT, "%nchoice of 16 of 1,000,000: keyed %.0f ns, sequential Rng (HashMap) %.0f ns%n",
                median.get("keyedChoice"), median.get("sequentialChoice")));
        s.append("(ratio: time per element relative to SplittableRandom's uniform or normal fill on one thread;"
                + " < 1 is faster)\n");
        System.out.print(s);
    }

    private static void line(StringBuilder s, String label, double ns, double peer) {
        s.append(String.format(Locale.ROOT, "%-34s %10.2f %10.2f%n", label, ns, ns / peer));
    }

    private static String cpuModel() throws IOException {
        Path info = Path.of("/proc/cpuinfo");
        if (Files.exists(info)) {
            for (String line : Files.readAllLines(info)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        }
        return System.getProperty("os.arch");
    }
}
