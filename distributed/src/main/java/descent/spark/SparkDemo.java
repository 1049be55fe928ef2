package descent.spark;

import descent.optim.LineSearch;
import descent.optim.Methods;
import descent.optim.Minimize;
import descent.optim.Result;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.Locale;

/**
 * {@code ./descent spark-demo}: l2-regularized logistic regression on synthetic data, generated on
 * the executors, minimized by L-BFGS on the driver with distributed evaluations. The master is
 * {@code local[2]} unless {@code spark-submit} (or {@code -Dspark.master}) gives one.
 *
 * <p>Arguments: {@code [--rows N] [--features D] [--partitions P] [--lambda L]}.
 */
public final class SparkDemo {
    private SparkDemo() {
    }

    /** Runs the demo; see the class comment for the arguments. */
    public static void main(String[] args) {
        long rows = 1_000_000;
        int d = 50;
        int partitions = 4;
        double lambda = 1e-4;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(require(args[i], value));
                case "--features" -> d = Integer.parseInt(require(args[i], value));
                case "--partitions" -> partitions = Integer.parseInt(require(args[i], value));
                case "--lambda" -> lambda = Double.parseDouble(require(args[i], value));
                default -> throw new IllegalArgumentException("spark-demo: unknown argument '" + args[i]
                        + "' (expected --rows N, --features D, --partitions P, --lambda L)");
            }
            i++;
        }
        SparkConf conf = new SparkConf().setAppName("descent-spark-demo");
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[2]").set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1");
        }
        conf.set("spark.ui.showConsoleProgress", "false");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            run(sc, rows, d, partitions, lambda);
        }
    }

    private static String require(String flag, String value) {
        if (value == null) {
            throw new IllegalArgumentException("spark-demo: " + flag + " needs a value");
        }
        return value;
    }

    private static void run(JavaSparkContext sc, long rows, int d, int partitions, double lambda) {
        System.out.printf(Locale.ROOT, "logistic regression, %,d rows x %d features in %d partitions on %s, lambda = %g%n", rows, d,
                partitions, sc.master(), lambda);
        long t0 = System.nanoTime();
        try (SparkObjective f = SparkObjective.builder(Synthetic.logistic(sc, rows, d, partitions, 1), d + 1, d, Losses.logistic(d)).mean()
                .regularizer(Losses.l2(lambda)).build()) {
            System.out.printf(Locale.ROOT, "generated and cached the data in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            long t1 = System.nanoTime();
            Minimize m = Minimize.with(Methods.lbfgs(10, LineSearch.strongWolfe(), 1e-8, 0)).steps(200)
                    .every(1, p -> System.out.printf(Locale.ROOT, "  step %3d  loss %.12f  |grad| %.3e  %6.2f s%n", p.step(), p.loss(),
                            p.gradientNorm(), p.elapsedNanos() / 1e9));
            Result r = f.minimize(m, new double[d]);
            double seconds = (System.nanoTime() - t1) / 1e9;
            double[] w = r.x();
            double[] truth = Synthetic.truth(d, 1);
            double diff = 0;
            double norm = 0;
            for (int j = 0; j < d; j++) {
                diff += (w[j] - truth[j]) * (w[j] - truth[j]);
                norm += truth[j] * truth[j];
            }
            System.out.printf(Locale.ROOT, "%s after %d iterations and %d distributed evaluations in %.1f s (%.0f ms per evaluation)%n",
                    r.reason(), r.iterations(), f.evaluations(), seconds, 1e3 * seconds / f.evaluations());
            System.out.printf(Locale.ROOT, "loss %.12f, |grad| %.2e, |w - w*| / |w*| = %.4f (w* generated the labels)%n", r.value(),
                    r.gradientNorm(), Math.sqrt(diff / norm));
            System.out.printf(Locale.ROOT, "communicated per evaluation: %,d bytes broadcast to each of %d partitions, %,d bytes back from each%n",
                    f.vectorBytes(), f.partitions(), f.vectorBytes() + 8);
        }
    }
}
