package descent.bench;

import descent.constrained.ConstrainedMethods;
import descent.constrained.ConvexSet;
import descent.constrained.Penalties;
import descent.constrained.Sets;
import descent.coordinate.CoordinateMethods;
import descent.coordinate.Regression;
import descent.optim.Minimize;
import descent.optim.Objective;
import descent.optim.Result;
import descent.optim.Stop;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Two measurements of descent.constrained, printed with ratios against a peer measured in the same
 * run:
 * <ol>
 * <li>FISTA with gap-safe screening and a working set ({@code ConstrainedMethods.fista(Regression, Penalty, double)}),
 * plain FISTA (full gradients of a row-major objective, backtracking, restart) and cyclic
 * coordinate descent ({@code CoordinateMethods.lasso}; for it and the screened FISTA, the matrix
 * laid out in columns before timing, as the peer's is in Fortran order, and wrapped and checked
 * by {@code Regression.ofColumns} inside the timed run) against scikit-learn's {@code Lasso}
 * (coordinate descent) on the lasso of the tests: n = 200 observations, p = 500 features, 10
 * nonzeros, lambda = 0.1 lambda_max. All are timed to the same objective accuracy
 * {@code f <= f* (1 + eps)}, with {@code f*} from a long FISTA run checked against scikit-learn at
 * {@code tol = 1e-14}: Descent stops on {@code Stop.targetValue}, scikit-learn runs with the loosest {@code tol} that reaches
 * the accuracy (its stopping rule is a duality gap); the screened FISTA is also timed stopping on its own duality gap
 * at that {@code tol}, the same rule as scikit-learn's. Median of 21 runs after at least 30 and a second of warm-up runs;
 * scikit-learn's side by {@code bench/sklearn/lasso_cd.py} through {@code /usr/bin/python3}.</li>
 * <li>Projection onto the l1 ball and the simplex at n = 1e6 (a Gaussian vector, radius 1): the
 * median time of a projection (input copied in first, copy time subtracted), and the same bytes
 * (one read and one write of 8 MB) at the bandwidth of {@code System.arraycopy} of the same
 * array, measured in the same run, as the fraction of that bandwidth the projection reaches.</li>
 * </ol>
 * Usage: {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar descent.bench.ConstrainedBench [path/to/lasso_cd.py]}
 */
public final class ConstrainedBench {
    private static final int M = 200;
    private static final int P = 500;

    private ConstrainedBench() {
    }

    /** Entry point; the optional argument is scikit-learn's script. */
    public static void main(String[] args) throws Exception {
        lasso(args.length > 0 ? args[0] : "bench/sklearn/lasso_cd.py");
        projections();
    }

    private static void lasso(String script) throws Exception {
        double[] truth = new double[P];
        Random r = new Random(42);
        for (int k = 0; k < 10; k++) {
            truth[r.nextInt(P)] = (r.nextBoolean() ? 1 : -1) * (1 + r.nextDouble());
        }
        Random d = new Random(43);
        double[] a = new double[M * P];
        for (int i = 0; i < a.length; i++) {
            a[i] = d.nextGaussian();
        }
        double[] b = new double[M];
        for (int i = 0; i < M; i++) {
            double s = 0;
            for (int j = 0; j < P; j++) {
                s += a[i * P + j] * truth[j];
            }
            b[i] = s + 0.1 * d.nextGaussian();
        }
        Objective f = (x, g) -> {
            double[] res = new double[M];
            double v = 0;
            for (int i = 0; i < M; i++) {
                double s = -b[i];
                for (int j = 0; j < P; j++) {
                    s += a[i * P + j] * x[j];
                }
                res[i] = s;
                v += s * s;
            }
            Arrays.fill(g, 0);
            for (int i = 0; i < M; i++) {
                double ri = res[i] / M;
                for (int j = 0; j < P; j++) {
                    g[j] += a[i * P + j] * ri;
                }
            }
            return v / (2 * M);
        };
        double[] g0 = new double[P];
        f.valueAndGrad(new double[P], g0);
        double lambdaMax = 0;
        for (double v : g0) {
            lambdaMax = Math.max(lambdaMax, Math.abs(v));
        }
        double lambda = 0.1 * lambdaMax;
        Result ref = Minimize.with(ConstrainedMethods.fista(Penalties.l1(lambda), 1, true, true, 1e-13)).steps(100_000).run(f, new double[P]);
        double fstar = ref.value();

        Path data = Files.createTempFile("lasso", ".f64");
        ByteBuffer buf = ByteBuffer.allocate(8 * (M * P + M)).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : a) {
            buf.putDouble(v);
        }
        for (double v : b) {
            buf.putDouble(v);
        }
        Files.write(data, buf.array());
        double[] eps = {1e-4, 1e-6, 1e-8};
        int repeats = 21;
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script, data.toString(), Integer.toString(M), Integer.toString(P),
                Double.toString(lambda), Double.toString(fstar), Integer.toString(repeats)));
        for (double e : eps) {
            cmd.add(Double.toString(e));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        }
        p.waitFor();
        Files.deleteIfExists(data);
        System.out.printf(Locale.ROOT, "Lasso n = %d, p = %d, lambda = 0.1 lambda_max = %.6g: f* = %.15g (FISTA, %d iterations)%n", M, P,
                lambda, fstar, ref.iterations());
        if (lines.size() != 1 + eps.length || !lines.get(0).startsWith("sklearn ")) {
            System.out.println("  scikit-learn side failed: " + String.join(" | ", lines));
            return;
        }
        String[] head = lines.get(0).split(" ");
        double best = Double.parseDouble(head[2]);
        System.out.printf(Locale.ROOT, "  scikit-learn %s at tol = 1e-14: f = %.15g (relative to f*: %.2e)%n", head[1], best, best / fstar - 1);
        Regression regression = Regression.of(a, M, P, b);
        Result fixed = Minimize.with(CoordinateMethods.lasso(regression, lambda, 0)).steps(100_000).run(regression.objective(),
                new double[P]);
        System.out.printf(Locale.ROOT, "  Descent coordinate descent to a fixed point: f = %.15g (relative to f*: %.2e, %d iterations of a sweep and active-set "
                + "passes, %s)%n",
                fixed.value(), fixed.value() / fstar - 1, fixed.iterations(), fixed.reason());
        double[] columns = new double[M * P];
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < P; j++) {
                columns[j * M + i] = a[i * P + j];
            }
        }
        for (int k = 0; k < eps.length; k++) {
            double e = eps[k];
            Stop target = Stop.targetValue(fstar * (1 + e));
            Result[] run = new Result[3];
            double fista = median(repeats, () -> run[0] = Minimize.with(ConstrainedMethods.fista(Penalties.l1(lambda), 1, true, true, 0))
                    .steps(100_000).stopWhen(target).run(f, new double[P]));
            double screened = median(repeats, () -> {
                Regression timed = Regression.ofColumns(columns, M, P, b);
                run[2] = Minimize.with(ConstrainedMethods.fista(timed, Penalties.l1(lambda), 0)).steps(1000).stopWhen(target)
                        .run(timed.objective(), new double[P]);
            });
            double cd = median(repeats, () -> {
                Regression timed = Regression.ofColumns(columns, M, P, b);
                run[1] = Minimize.with(CoordinateMethods.lasso(timed, lambda, 0)).steps(1000).stopWhen(target).run(timed.objective(),
                        new double[P]);
            });
            String[] row = lines.get(1 + k).split(" ");
            String ours = String.format(Locale.ROOT, "Descent FISTA with gap-safe screening and a working set %.3f ms (%d outer iterations, %s)",
                    screened * 1e3, run[2].iterations(), run[2].reason());
            String plain = String.format(Locale.ROOT, "plain FISTA (full gradients, backtracking, restart) %.3f ms (%d iterations, %d "
                    + "evaluations, %s)", fista * 1e3, run[0].iterations(), run[0].evaluations(), run[0].reason());
            String coordinate = String.format(Locale.ROOT, "coordinate descent %.3f ms (%d iterations, %s)", cd * 1e3, run[1].iterations(),
                    run[1].reason());
            if (row.length != 4) {
                System.out.printf(Locale.ROOT, "  eps %.0e: %s; %s; %s; scikit-learn did not reach it%n", e, ours, plain, coordinate);
                continue;
            }
            double theirs = Double.parseDouble(row[2]);
            double tol = Double.parseDouble(row[0]);
            Result[] own = new Result[1];
            double gapStop = median(repeats, () -> {
                Regression timed = Regression.ofColumns(columns, M, P, b);
                own[0] = Minimize.with(ConstrainedMethods.fista(timed, Penalties.l1(lambda), tol)).steps(1000).run(timed.objective(),
                        new double[P]);
            });
            System.out.printf(Locale.ROOT, "  eps %.0e: scikit-learn %.3f ms (tol %s, %s sweeps); %s, ratio %.2f; the same stopping on its own "
                    + "duality gap at scikit-learn's tol %.3f ms (%d outer iterations, %s, f relative to f*: %.1e), ratio %.2f; %s, ratio %.2f; "
                    + "%s, ratio %.2f (Descent/scikit-learn)%n", e, theirs * 1e3, row[0], row[3], ours, screened / theirs, gapStop * 1e3,
                    own[0].iterations(), own[0].reason(), own[0].value() / fstar - 1, gapStop / theirs, plain, fista / theirs, coordinate,
                    cd / theirs);
        }
    }

    /**
     * The median time in seconds of {@code repeats} runs after warm-up runs: at least 30 and at
     * least a second of them, so the JIT has compiled the loop before any run is timed.
     */
    private static double median(int repeats, Runnable run) {
        long warm = System.nanoTime();
        for (int rep = 0; rep < 30 || System.nanoTime() - warm < 1_000_000_000L; rep++) {
            run.run();
        }
        double[] seconds = new double[repeats];
        for (int rep = 0; rep < repeats; rep++) {
            long t0 = System.nanoTime();
            run.run();
            seconds[rep] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(seconds);
        return seconds[repeats / 2];
    }

    private static void projections() {
        int n = 1_000_000;
        Random r = new Random(1);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian();
        }
        double[] work = new double[n];
        int reps = 21;
        double[] copy = new double[reps];
        for (int k = 0; k < reps; k++) {
            long t0 = System.nanoTime();
            System.arraycopy(v, 0, work, 0, n);
            copy[k] = System.nanoTime() - t0;
        }
        Arrays.sort(copy);
        double copyNs = copy[reps / 2];
        double bytes = 16.0 * n;
        System.out.printf(Locale.ROOT, "Projection at n = %d (radius 1), median of %d: System.arraycopy of the vector %.3f ms = %.1f GB/s%n",
                n, reps, copyNs / 1e6, bytes / copyNs);
        for (ConvexSet set : new ConvexSet[] {Sets.l1Ball(1), Sets.simplex()}) {
            double[] t = new double[reps];
            for (int k = 0; k < reps + 10; k++) {
                long t0 = System.nanoTime();
                System.arraycopy(v, 0, work, 0, n);
                set.project(work);
                long dt = System.nanoTime() - t0;
                if (k >= 10) {
                    t[k - 10] = dt;
                }
            }
            Arrays.sort(t);
            double ns = t[reps / 2] - copyNs;
            System.out.printf(Locale.ROOT, "  %s: %.3f ms per projection = %.2f GB/s for one read and one write, %.3f of the copy bandwidth%n",
                    set.name(), ns / 1e6, bytes / ns, copyNs / ns);
        }
    }
}
