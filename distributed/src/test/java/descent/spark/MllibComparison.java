package descent.spark;

import descent.optim.LineSearch;
import descent.optim.Methods;
import descent.optim.Minimize;
import descent.optim.Result;
import descent.optim.Stop;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.LabeledPoint;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import java.util.Arrays;
import java.util.Locale;

/**
 * Side by side in one run: l2-regularized logistic regression on synthetic data with Spark MLlib's
 * {@code LogisticRegression} (L-BFGS, no intercept, no standardization, so its objective is
 * {@code (1/N) sum log(1 + exp(-y x.w)) + lambda/2 |w|^2} as here) and with L-BFGS over a
 * {@link SparkObjective}. MLlib runs first to its tolerance; Descent then runs until it reaches
 * MLlib's final objective value (both measured with Descent's evaluation), and the times of the
 * optimizations (data generated and cached beforehand, not timed) are compared. Each side runs
 * {@code --repeats} times; medians are reported. Run by {@code ./descent bench spark}.
 *
 * <p>Arguments: {@code [--rows N] [--features D] [--partitions P] [--lambda L] [--tol T] [--repeats R]}.
 */
public final class MllibComparison {
    private MllibComparison() {
    }

    public static void main(String[] args) {
        long rows = 10_000_000;
        int d = 100;
        int partitions = 16;
        double lambda = 1e-4;
        double tol = 1e-9;
        int repeats = 3;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[i + 1]);
                case "--features" -> d = Integer.parseInt(args[i + 1]);
                case "--partitions" -> partitions = Integer.parseInt(args[i + 1]);
                case "--lambda" -> lambda = Double.parseDouble(args[i + 1]);
                case "--tol" -> tol = Double.parseDouble(args[i + 1]);
                case "--repeats" -> repeats = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("MllibComparison: unknown argument " + args[i]);
            }
        }
        SparkConf conf = new SparkConf().setAppName("descent-vs-mllib").setIfMissing("spark.master", "local[2]")
                .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")
                .setIfMissing("spark.memory.fraction", "0.85");
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        sc.setLogLevel("WARN");
        System.out.printf(Locale.ROOT, "logistic regression, %,d rows x %d features, %d partitions on %s, lambda %g, MLlib tol %g%n", rows, d,
                partitions, sc.master(), lambda, tol);
        int dd = d;
        JavaRDD<double[]> data = Synthetic.logistic(sc, rows, d, partitions, 1);

        long t0 = System.nanoTime();
        Dataset<Row> frame = spark.createDataFrame(data.map(r -> new LabeledPoint((r[dd] + 1) / 2, Vectors.dense(Arrays.copyOf(r, dd)))),
                LabeledPoint.class).persist(StorageLevel.MEMORY_ONLY());
        frame.count();
        System.out.printf(Locale.ROOT, "MLlib data generated and cached in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        double[] mllibTimes = new double[repeats];
        double[] w = null;
        int mllibIterations = 0;
        for (int k = 0; k < repeats; k++) {
            LogisticRegression lr = new LogisticRegression().setRegParam(lambda).setElasticNetParam(0).setFitIntercept(false)
                    .setStandardization(false).setTol(tol).setMaxIter(500);
            long s = System.nanoTime();
            LogisticRegressionModel model = lr.fit(frame);
            mllibTimes[k] = (System.nanoTime() - s) / 1e9;
            w = model.coefficients().toArray();
            mllibIterations = model.summary().totalIterations();
            System.out.printf(Locale.ROOT, "  MLlib run %d: %.2f s, %d iterations%n", k + 1, mllibTimes[k], mllibIterations);
        }
        frame.unpersist(true);

        t0 = System.nanoTime();
        try (SparkObjective f = SparkObjective.builder(data, d + 1, d, Losses.logistic(d)).mean().regularizer(Losses.l2(lambda)).build()) {
            System.out.printf(Locale.ROOT, "Descent data generated, packed and cached in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            double target = f.valueAndGrad(w, new double[d]);
            double[] times = new double[repeats];
            Result r = null;
            for (int k = 0; k < repeats; k++) {
                long s = System.nanoTime();
                r = f.minimize(Minimize.with(Methods.lbfgs(10, LineSearch.strongWolfe(), 0, 0)).steps(500).stopWhen(Stop.targetValue(target)),
                        new double[d]);
                times[k] = (System.nanoTime() - s) / 1e9;
                System.out.printf(Locale.ROOT, "  Descent run %d: %.2f s, %d iterations, %d evaluations, %s%n", k + 1, times[k], r.iterations(),
                        r.evaluations(), r.reason());
            }
            double mllib = median(mllibTimes);
            double descent = median(times);
            System.out.printf(Locale.ROOT, "MLlib objective (Descent's evaluation) %.15f after %d iterations%n", target, mllibIterations);
            System.out.printf(Locale.ROOT, "Descent objective                     %.15f after %d iterations%n", r.value(), r.iterations());
            System.out.printf(Locale.ROOT, "median time: MLlib %.2f s, Descent %.2f s: Descent/MLlib speed ratio %.2f%n", mllib, descent,
                    mllib / descent);
        }
        spark.stop();
    }

    /** The median of {@code a} (the mean of the middle two for an even length). */
    static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
