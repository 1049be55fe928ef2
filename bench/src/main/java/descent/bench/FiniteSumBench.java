package descent.bench;

import descent.ad.Func;
import descent.finitesum.FiniteSum;
import descent.finitesum.FiniteSumMethods;
import descent.io.NumPy;
import descent.optim.LineSearch;
import descent.optim.Method;
import descent.optim.Methods;
import descent.optim.Minimize;
import descent.optim.Result;
import descent.optim.Stop;
import descent.tensor.Tensor;
import descent.tensor.Value;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Epochs per second of SVRG and SAGA on l2-regularized logistic regression against
 * scikit-learn's SAGA solver on the same data in the same run ({@code bench/sklearn/logreg_saga.py}
 * through {@code /usr/bin/python3}), with the suboptimality each reaches after the same number of
 * epochs ({@code f*} from L-BFGS to a gradient of 1e-13). Descent's per-term gradients come from
 * {@code vmap(valueAndGrad(term))} of a traced term, one call per sampled batch.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar descent.bench.FiniteSumBench [n] [d] [epochs] [script]}
 */
public final class FiniteSumBench {
    private FiniteSumBench() {
    }

    /** Entry point: optional n (1000), d (10), epochs (20) and the path of scikit-learn's script. */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        String script = args.length > 3 ? args[3] : "bench/sklearn/logreg_saga.py";
        double mu = 0.01;
        Random rnd = new Random(11);
        double[] w = new double[d];
        for (int j = 0; j < d; j++) {
            w[j] = rnd.nextGaussian();
        }
        double[] a = new double[n * d];
        double[] b = new double[n];
        double rowNorm = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            double r2 = 0;
            for (int j = 0; j < d; j++) {
                a[i * d + j] = rnd.nextGaussian() / Math.sqrt(d / 10.0);
                s += a[i * d + j] * w[j];
                r2 += a[i * d + j] * a[i * d + j];
            }
            rowNorm = Math.max(rowNorm, r2);
            b[i] = s + rnd.nextGaussian() > 0 ? 1 : -1;
        }
        Func term = Func.of(3, xs -> new Value[] {xs[1].dot(xs[0]).mul(xs[2]).neg().softplus().add(xs[0].square().sum().mul(mu / 2))});
        FiniteSum sum = FiniteSum.of(term, d, Tensor.wrap(a, n, d), Tensor.wrap(b, n));
        double fStar = Minimize.with(Methods.lbfgs(20, LineSearch.strongWolfe(), 0, 0)).steps(1000).stopWhen(Stop.gradientNorm(1e-13))
                .run(sum.objective(), new double[d]).value();
        double lMax = rowNorm / 4 + mu;
        double step = 1 / (3 * lMax);
        System.out.println("CPU: " + cpu() + "; logistic regression n = " + n + ", d = " + d + ", mu = " + mu + ", " + epochs
                + " epochs, step 1/(3 L_max) = " + String.format(Locale.ROOT, "%.4g", step) + ", batch 1");
        double svrg = run("SVRG", FiniteSumMethods.svrg(sum, step, 1, 0, 1), sum, d, epochs, fStar);
        double saga = run("SAGA", FiniteSumMethods.saga(sum, step, 1, 0, 1), sum, d, epochs, fStar);
        Path data = Files.createTempFile("logreg", ".npz");
        NumPy.saveAll(data, Map.of("A", Tensor.wrap(a, n, d), "b", Tensor.wrap(b, n)));
        Process p = new ProcessBuilder("/usr/bin/python3", script, data.toString(), Double.toString(mu), Integer.toString(epochs), "5")
                .redirectErrorStream(true).start();
        String line;
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            while ((line = r.readLine()) != null) {
                out.append(line).append('\n');
            }
        }
        p.waitFor();
        Files.deleteIfExists(data);
        String json = out.toString().trim();
        System.out.println("scikit-learn SAGA: " + json);
        double seconds = Double.parseDouble(json.replaceAll(".*\"seconds\": ([0-9.eE+-]+).*", "$1"));
        int skEpochs = Integer.parseInt(json.replaceAll(".*\"epochs\": ([0-9]+).*", "$1"));
        double skF = Double.parseDouble(json.replaceAll(".*\"f\": ([0-9.eE+-]+).*", "$1"));
        double skRate = skEpochs / seconds;
        System.out.printf(Locale.ROOT, "scikit-learn SAGA   %9.1f epochs/s, suboptimality after %d epochs %.2e%n", skRate, skEpochs, skF - fStar);
        System.out.printf(Locale.ROOT, "epochs/s ratio Descent / scikit-learn: SVRG %.3f, SAGA %.3f%n", svrg / skRate, saga / skRate);
    }

    private static double run(String label, Method m, FiniteSum sum, int d, int epochs, double fStar) {
        double[] secs = new double[5];
        Result r = null;
        for (int rep = 0; rep < secs.length; rep++) {
            long t0 = System.nanoTime();
            r = Minimize.with(m).steps(epochs).run(sum.objective(), new double[d]);
            secs[rep] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(secs);
        double rate = epochs / secs[secs.length / 2];
        System.out.printf(Locale.ROOT, "Descent %-11s %9.1f epochs/s (median of %d runs, %.3f s), suboptimality after %d epochs %.2e%n", label,
                rate, secs.length, secs[secs.length / 2], epochs, r.value() - fStar);
        return rate;
    }

    private static String cpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (java.io.IOException e) {
            return "unknown";
        }
        return "unknown";
    }
}
