package descent.bench;

import descent.optim.LineSearch;
import descent.optim.Methods;
import descent.optim.Minimize;
import descent.optim.Objective;
import descent.optim.Result;
import descent.optim.Stop;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Two measurements of the quasi-Newton methods, printed as ratios against a peer measured in the
 * same run:
 * <ol>
 * <li>L-BFGS overhead per iteration at {@code n = 1e6} (memory 10) excluding the objective: the
 * run's time minus the time spent inside the objective, per iteration, divided by the time of one
 * pass over the history vectors (the {@code 2m} inner products the two-loop recursion needs, each
 * reading two vectors of n doubles), a memory-bound floor;</li>
 * <li>L-BFGS-B against SciPy's on the chained Rosenbrock function of 10,000 variables with
 * SciPy's defaults: iterations, evaluations and median wall time of several runs
 * (SciPy's side by {@code bench/scipy/rosen_lbfgsb.py} through {@code /usr/bin/python3}), both
 * limited to 15,000 iterations and to the evaluation SciPy's {@code maxfun = 15000} stops at.</li>
 * </ol>
 * Usage: {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar descent.bench.QuasiNewtonBench [path/to/rosen_lbfgsb.py]}
 */
public final class QuasiNewtonBench {
    private QuasiNewtonBench() {
    }

    /** Entry point; the optional argument is SciPy's script. */
    public static void main(String[] args) throws Exception {
        overhead();
        String script = args.length > 0 ? args[0] : "bench/scipy/rosen_lbfgsb.py";
        versusScipy(script);
    }

    private static void overhead() {
        int n = 1_000_000;
        int m = 10;
        double[] scale = new double[n];
        for (int i = 0; i < n; i++) {
            scale[i] = 1 + (i % 1000) * 1e-3;
        }
        long[] inside = new long[1];
        // a separable quadratic with condition 2: the objective costs one pass over x
        Objective f = (x, g) -> {
            long t0 = System.nanoTime();
            double s = 0;
            for (int i = 0; i < n; i++) {
                double gi = scale[i] * (x[i] - 1);
                g[i] = gi;
                s += gi * (x[i] - 1);
            }
            inside[0] += System.nanoTime() - t0;
            return 0.5 * s;
        };
        double[][] hist = new double[2 * m][n];
        for (double[] h : hist) {
            Arrays.fill(h, 0.5);
        }
        double[] q = new double[n];
        double[] perIteration = new double[7];
        double[] pass = new double[7];
        for (int rep = 0; rep < perIteration.length; rep++) {
            double[] x0 = new double[n];
            inside[0] = 0;
            long t0 = System.nanoTime();
            Result r = Minimize.with(Methods.lbfgs(m, LineSearch.strongWolfe(), 0, 0)).steps(40).run(f, x0);
            long total = System.nanoTime() - t0;
            perIteration[rep] = (double) (total - inside[0]) / r.iterations();
            long p0 = System.nanoTime();
            double sink = 0;
            for (double[] h : hist) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s = Math.fma(h[i], q[i], s);
                }
                sink += s;
            }
            pass[rep] = System.nanoTime() - p0 + (sink == 42 ? 1 : 0);
        }
        Arrays.sort(perIteration);
        Arrays.sort(pass);
        double over = perIteration[perIteration.length / 2];
        double floor = pass[pass.length / 2];
        System.out.printf(Locale.ROOT, "L-BFGS overhead at n = %d, m = %d: %.2f ms per iteration excluding the objective; "
                + "one pass over the %d history vectors %.2f ms; ratio %.2f (median of %d)%n", n, m, over / 1e6, 2 * m, floor / 1e6,
                over / floor, perIteration.length);
    }

    private static double rosen(double[] x, double[] g) {
        int n = x.length;
        double f = 0;
        g[0] = 0;
        for (int i = 0; i + 1 < n; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            f += 100.0 * a * a + b * b;
        }
        for (int i = 1; i + 1 < n; i++) {
            g[i] = 200 * (x[i] - x[i - 1] * x[i - 1]) - 400 * (x[i + 1] - x[i] * x[i]) * x[i] - 2 * (1 - x[i]);
        }
        g[0] = -400 * x[0] * (x[1] - x[0] * x[0]) - 2 * (1 - x[0]);
        g[n - 1] = 200 * (x[n - 1] - x[n - 2] * x[n - 2]);
        return f;
    }

    private static void versusScipy(String script) throws Exception {
        int n = 10_000;
        int repeats = 5;
        double[] x0 = new double[n];
        for (int i = 0; i < n; i++) {
            x0[i] = i % 2 == 0 ? -1.2 : 1.0;
        }
        double[] seconds = new double[repeats + 2];
        Result r = null;
        for (int k = 0; k < seconds.length; k++) {
            long t0 = System.nanoTime();
            r = Minimize.with(Methods.lbfgsb()).steps(15000).stopWhen(Stop.evaluations(15001)).run(QuasiNewtonBench::rosen, x0);
            seconds[k] = (System.nanoTime() - t0) / 1e9;
        }
        double[] timed = Arrays.copyOfRange(seconds, 2, seconds.length);
        Arrays.sort(timed);
        double ours = timed[timed.length / 2];
        Process p = new ProcessBuilder("/usr/bin/python3", script, Integer.toString(n), Integer.toString(repeats))
                .redirectErrorStream(true).start();
        String line;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            line = in.readLine();
        }
        p.waitFor();
        if (line == null || !line.startsWith("{")) {
            System.out.println("SciPy side failed: " + line);
            return;
        }
        long nit = Long.parseLong(field(line, "nit"));
        long nfev = Long.parseLong(field(line, "nfev"));
        double theirs = Double.parseDouble(field(line, "seconds"));
        System.out.printf(Locale.ROOT, "L-BFGS-B, chained Rosenbrock n = %d, SciPy's defaults:%n", n);
        System.out.printf(Locale.ROOT, "  Descent: nit %d, nfev %d, f %.3e, %s, %.3f s (median of %d)%n", r.iterations(), r.evaluations(),
                r.value(), r.reason(), ours, repeats);
        System.out.printf(Locale.ROOT, "  SciPy %s: nit %d, nfev %d, %.3f s (median of %d)%n", field(line, "scipy").replace("\"", ""), nit,
                nfev, theirs, repeats);
        System.out.printf(Locale.ROOT, "  ratios Descent/SciPy: nit %.3f, nfev %.3f, wall time %.3f (SciPy %.2fx the time of Descent)%n",
                (double) r.iterations() / nit, (double) r.evaluations() / nfev, ours / theirs, theirs / ours);
    }

    private static String field(String json, String key) {
        int at = json.indexOf("\"" + key + "\":");
        int start = at + key.length() + 3;
        int end = start;
        while (end < json.length() && json.charAt(end) != ',' && json.charAt(end) != '}') {
            end++;
        }
        return json.substring(start, end).trim();
    }
}
