package descent.bench;

import descent.tensor.MatMul;
import descent.tensor.Simd;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.annotations.Mode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./descent bench}: runs the JMH benchmarks in one session and reports medians as ratios
 * against peers measured in the same run: the GEMM roofline of this machine, the plain forward
 * pass, a STREAM-like triad for the optimizer steps, and (when Debian's python3-torch is
 * installed) PyTorch on the same MLP and the same optimizer step.
 *
 * <p>Arguments: {@code --torch PATH} the PyTorch MLP script (bench/torch/mlp.py; optim.py beside
 * it times torch.optim.Adam); {@code --quick} shorter measurement for a smoke run; {@code --only REGEX}
 * runs only the benchmark classes whose names match (for example {@code Kernel|Broadcast}) and
 * reports the sections they feed.
 */
public final class Report {
    private static final String[] UNARY = {"EXP", "EXPM1", "LOG", "LOG1P", "TANH", "SIGMOID", "SOFTPLUS",
        "SIN", "COS", "TAN", "SINH", "COSH", "ATAN"};

    private Report() {
    }

    /** Runs the benchmarks and prints the report. */
    public static void main(String[] args) throws RunnerException, IOException, InterruptedException {
        System.setProperty("descent.quiet", "true");
        String torchScript = null;
        boolean quick = false;
        String only = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--torch") && i + 1 < args.length) {
                torchScript = args[++i];
            } else if (args[i].equals("--quick")) {
                quick = true;
            } else if (args[i].equals("--only") && i + 1 < args.length) {
                only = args[++i];
            }
        }
        int cores = Runtime.getRuntime().availableProcessors();
        OptionsBuilder builder = new OptionsBuilder();
        for (Class<?> c : new Class<?>[] {RooflineBench.class, MlpBench.class, PlanOverheadBench.class,
                CallOverheadBench.class, OptimBench.class, MlpTrainBench.class,
                UnaryKernelBench.class, BinaryKernelBench.class, BroadcastBench.class}) {
            if (only == null || Pattern.compile(only).matcher(c.getSimpleName()).find()) {
                builder.include(c.getName() + "\\.");
            }
        }
        Options opts = builder
                .mode(Mode.SampleTime)
                .timeUnit(TimeUnit.MICROSECONDS)
                .forks(1)
                .warmupIterations(quick ? 2 : 4)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 3 : 6)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("--add-modules", "jdk.incubator.vector", "-Ddescent.quiet=true")
                .build();
        Collection<RunResult> results = new Runner(opts).run();
        Map<String, Double> median = new HashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            for (String p : new String[] {"n", "op", "path", "threads"}) {
                String v = r.getParams().getParam(p);
                if (v != null) {
                    name += "/" + v;
                }
            }
            median.put(name, r.getPrimaryResult().getStatistics().getPercentile(50));
        }
        Mlp mlp = new Mlp(MlpBench.BATCH, MlpBench.IN, MlpBench.WIDTH, MlpBench.HIDDEN, 1);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nDescent benchmark report (%d cores; medians of JMH sample time)%n", cores));
        Simd.calibrate();
        out.append("matmul: ").append(MatMul.backendDescription()).append("\nelementwise: ").append(Simd.description())
                .append("\n\n");
        double roofline = 0;
        if (median.containsKey("RooflineBench.gemm/1024")) {
            for (int n : new int[] {128, 512, 1024}) {
                double us = median.get("RooflineBench.gemm/" + n);
                double gflops = 2.0 * n * n * n / us / 1e3;
                roofline = Math.max(roofline, gflops);
                out.append(String.format(Locale.ROOT, "roofline dgemm n=%-5d %10.1f us  %7.1f GFLOP/s%n", n, us, gflops));
            }
        }
        Double vg = median.get("MlpBench.valueAndGrad");
        Double fw = median.get("MlpBench.forward");
        if (vg != null && fw != null) {
            double jet = median.get("MlpBench.jet2");
            double vgGflops = mlp.valueAndGradFlops() / vg / 1e3;
            double fwGflops = mlp.forwardFlops() / fw / 1e3;
            out.append(String.format(Locale.ROOT, "%nMLP (batch %d, input %d, %d x %d tanh) value+grad %8.1f us  %6.1f GFLOP/s = %.2f of roofline   [target >= 0.35]%n",
                    MlpBench.BATCH, MlpBench.IN, MlpBench.HIDDEN, MlpBench.WIDTH, vg, vgGflops, vgGflops / roofline));
            out.append(String.format(Locale.ROOT, "MLP forward              %8.1f us  %6.1f GFLOP/s = %.2f of roofline%n", fw, fwGflops, fwGflops / roofline));
            out.append(String.format(Locale.ROOT, "MLP 2-jet along x        %8.1f us  = %.2f x forward   [target <= 3.5]%n", jet, jet / fw));
        }
        if (median.containsKey("PlanOverheadBench.value")) {
            double pv = median.get("PlanOverheadBench.value");
            double pvg = median.get("PlanOverheadBench.valueAndGrad");
            out.append(String.format(Locale.ROOT, "%nscalar chain of %d ops: value %.2f us = %.1f ns/op; value+grad %.2f us = %.1f ns per op   [target < 100]%n",
                    PlanOverheadBench.OPS, pv, pv * 1e3 / PlanOverheadBench.OPS, pvg, pvg * 1e3 / PlanOverheadBench.OPS));
        }
        if (median.containsKey("CallOverheadBench.gradInLoop")) {
            double loop = median.get("CallOverheadBench.gradInLoop");
            double hoisted = median.get("CallOverheadBench.gradHoisted");
            double plan = median.get("CallOverheadBench.compiledPlan");
            double traced = median.get("CallOverheadBench.tracedEveryCall");
            out.append(String.format(Locale.ROOT, "%ngrad(f).call(x) in a loop %.2f us; hoisted %.2f us; compiled plan alone %.2f us; "
                    + "traced anew every call %.1f us (%.0f x the loop idiom)%n", loop, hoisted, plan, traced, traced / loop));
        }
        Double adamMs = median.containsKey("OptimBench.adam") ? optimizerSection(out, median) : null;
        if (median.containsKey("MlpTrainBench.trainStep")) {
            double train = median.get("MlpTrainBench.trainStep");
            double trainVg = median.get("MlpTrainBench.valueAndGrad");
            long[] bytes = trainStepAllocation();
            out.append(String.format(Locale.ROOT, "%nMLP training step (value+grad + Adam on %d parameters) %8.1f us = %.2f x value+grad alone (%.1f us)%n",
                    bytes[2], train, train / trainVg, trainVg));
            out.append(String.format(Locale.ROOT, "  allocated per step after warm-up: %d bytes (value+grad alone: %d bytes)   [target 0 from the optimizer]%n",
                    bytes[0], bytes[1]));
        }
        kernels(median, out);
        if (torchScript != null && adamMs != null) {
            Map<String, String> optim = runScript(Path.of(torchScript).resolveSibling("optim.py").toString(), cores);
            if (optim != null) {
                double def = Double.parseDouble(optim.get("adam_default_ms"));
                double fe = Double.parseDouble(optim.get("adam_foreach_ms"));
                out.append(String.format(Locale.ROOT, "%ntorch.optim.Adam %s on the same %,d float64 parameters (%s threads):%n",
                        optim.get("torch_version"), OptimBench.N, optim.get("threads")));
                out.append(String.format(Locale.ROOT, "  default  %8.2f ms -> Descent Adam is %.2f x as fast   [target >= 1.5]%n", def, def / adamMs));
                out.append(String.format(Locale.ROOT, "  foreach  %8.2f ms -> Descent Adam is %.2f x as fast   [target >= 1.5]%n", fe, fe / adamMs));
            }
        }
        if (torchScript != null && vg != null && fw != null) {
            Map<String, String> torch = runScript(torchScript, cores);
            if (torch != null) {
                double tvg = Double.parseDouble(torch.get("value_and_grad_ms")) * 1e3;
                double tfw = Double.parseDouble(torch.get("forward_ms")) * 1e3;
                out.append(String.format(Locale.ROOT, "%nPyTorch %s CPU float64 (%s, fastest split of %d cores):%n",
                        torch.get("torch_version"), torch.get("config"), cores));
                out.append(String.format(Locale.ROOT, "  value+grad %8.1f us -> Descent is %.2f x as fast   [target >= 1.5]%n", tvg, tvg / vg));
                out.append(String.format(Locale.ROOT, "  forward    %8.1f us -> Descent is %.2f x as fast   [target >= 1.0]%n", tfw, tfw / fw));
            }
        } else if (vg != null) {
            out.append("\nPyTorch comparison skipped (run ./descent bench --torch to install python3-torch and include it)\n");
        }
        System.out.print(out);
    }

    /** Per-element costs of the elementwise and reduction kernels, with the ratios that matter. */
    private static void kernels(Map<String, Double> median, StringBuilder out) {
        boolean header = false;
        for (String op : UNARY) {
            Double scalar = median.get("UnaryKernelBench.run/" + op + "/scalar");
            Double simd = median.get("UnaryKernelBench.run/" + op + "/simd");
            if (scalar == null || simd == null) {
                continue;
            }
            if (!header) {
                out.append(String.format(Locale.ROOT, "%nunary kernels, %d elements, one thread (ns/element):%n", UnaryKernelBench.N));
                out.append(String.format(Locale.ROOT, "  %-9s %8s %8s %12s%n", "op", "scalar", "simd", "simd/scalar"));
                header = true;
            }
            double s = scalar * 1e3 / UnaryKernelBench.N;
            double v = simd * 1e3 / UnaryKernelBench.N;
            out.append(String.format(Locale.ROOT, "  %-9s %8.2f %8.2f %12.2f%n", op.toLowerCase(Locale.ROOT), s, v, v / s));
        }
        header = false;
        for (String k : new String[] {"add", "mul", "where", "sum", "max"}) {
            Double one = median.get("BinaryKernelBench." + k + "/1");
            Double two = median.get("BinaryKernelBench." + k + "/2");
            if (one == null || two == null) {
                continue;
            }
            if (!header) {
                out.append(String.format(Locale.ROOT, "%nmemory-bound kernels, %d elements (ns/element):%n", BinaryKernelBench.N));
                out.append(String.format(Locale.ROOT, "  %-9s %8s %8s %12s%n", "kernel", "1 thread", "2 threads", "speed-up"));
                header = true;
            }
            out.append(String.format(Locale.ROOT, "  %-9s %8.3f %9.3f %12.2f%n", k,
                    one * 1e3 / BinaryKernelBench.N, two * 1e3 / BinaryKernelBench.N, one / two));
        }
        Double round = median.get("BroadcastBench.scale/10000000");
        Double prime = median.get("BroadcastBench.scale/9999991");
        if (round != null && prime != null) {
            double r = round * 1e3 / 10_000_000;
            double p = prime * 1e3 / 9_999_991;
            out.append(String.format(Locale.ROOT, "%nx * 2 (scalar broadcast): n = 10000000 %.3f ns/element, n = 9999991 (prime) %.3f ns/element = %.2f x%n",
                    r, p, p / r));
        }
    }

    /** Appends the optimizer-step table and returns Adam's median in milliseconds. */
    private static double optimizerSection(StringBuilder out, Map<String, Double> median) {
        double triad = median.get("OptimBench.triad");
        double triadOne = median.get("OptimBench.triadSingleThread");
        double triadGbs = OptimBench.TRIAD_BYTES / triad / 1e3;
        out.append(String.format(Locale.ROOT, "%nOptimizer step on %,d float64 parameters: state traffic (bytes read + written) / median time%n",
                OptimBench.N));
        double axpy = median.get("OptimBench.axpy");
        out.append(String.format(Locale.ROOT, "  triad a = b + s c, all cores  %8.2f ms  %6.1f GB/s   (memory bandwidth of this run; STREAM's count: %.1f GB/s)%n",
                triad / 1e3, triadGbs, triadGbs * 3 / 4));
        out.append(String.format(Locale.ROOT, "  triad, one thread             %8.2f ms  %6.1f GB/s%n", triadOne / 1e3,
                OptimBench.TRIAD_BYTES / triadOne / 1e3));
        out.append(String.format(Locale.ROOT, "  a += s b in place, all cores  %8.2f ms  %6.1f GB/s%n", axpy / 1e3,
                OptimBench.AXPY_BYTES / axpy / 1e3));
        double pattern = median.get("OptimBench.adamPattern");
        double patternGbs = OptimBench.ADAM_BYTES / pattern / 1e3;
        out.append(String.format(Locale.ROOT, "  Adam's access pattern, no math %8.2f ms  %6.1f GB/s   (4 arrays read, 3 written back: Adam's ceiling)%n",
                pattern / 1e3, patternGbs));
        Object[][] rows = {
            {"SGD momentum", "OptimBench.sgdMomentum", OptimBench.SGD_MOMENTUM_BYTES, ""},
            {"Adam", "OptimBench.adam", OptimBench.ADAM_BYTES, "   [target >= 0.50]"},
            {"AdamW", "OptimBench.adamW", OptimBench.ADAM_BYTES, ""},
            {"Lion", "OptimBench.lion", OptimBench.LION_BYTES, ""},
        };
        for (Object[] r : rows) {
            double us = median.get((String) r[1]);
            double gbs = (Long) r[2] / us / 1e3;
            out.append(String.format(Locale.ROOT, "  %-29s %8.2f ms  %6.1f GB/s = %.2f of the triad%s%n", r[0], us / 1e3, gbs,
                    gbs / triadGbs, r[3]));
        }
        double adam = median.get("OptimBench.adam");
        out.append(String.format(Locale.ROOT, "  Adam reaches %.2f of the bandwidth of its own access pattern%n", pattern / adam));
        return adam / 1e3;
    }

    /** Bytes allocated per MLP training step and per value+grad alone, after warm-up, and the parameter count. */
    private static long[] trainStepAllocation() {
        MlpTrainBench b = new MlpTrainBench();
        b.setup();
        for (int i = 0; i < 3000; i++) {
            b.step();
        }
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        int runs = 200;
        long t0 = bean.getThreadAllocatedBytes(tid);
        for (int i = 0; i < runs; i++) {
            b.step();
        }
        long t1 = bean.getThreadAllocatedBytes(tid);
        for (int i = 0; i < runs; i++) {
            b.valueAndGradOnly();
        }
        long t2 = bean.getThreadAllocatedBytes(tid);
        Mlp m = new Mlp(MlpBench.BATCH, MlpBench.IN, MlpBench.WIDTH, MlpBench.HIDDEN, 1);
        long params = 0;
        for (int i = 0; i < m.parameterCount(); i++) {
            params += m.args[i].size();
        }
        return new long[] {(t1 - t0) / runs, (t2 - t1) / runs, params};
    }

    private static Map<String, String> runScript(String script, int cores) throws IOException, InterruptedException {
        if (!Files.exists(Path.of(script))) {
            System.out.println("PyTorch script not found: " + script);
            return null;
        }
        Process p = new ProcessBuilder("/usr/bin/python3", script, Integer.toString(cores)).redirectErrorStream(true).start();
        StringBuilder text = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                text.append(line).append('\n');
            }
        }
        if (p.waitFor() != 0) {
            System.out.println("PyTorch run failed:\n" + text);
            return null;
        }
        Map<String, String> m = new HashMap<>();
        Matcher kv = Pattern.compile("\"(\\w+)\": (\"[^\"]*\"|[-0-9.eE+]+)").matcher(text);
        while (kv.find()) {
            m.put(kv.group(1), kv.group(2).replace("\"", ""));
        }
        return m;
    }
}
