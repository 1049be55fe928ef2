package descent.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.util.Iterator;
import java.util.Locale;

/**
 * A cost model of one evaluation (value and gradient) of a {@link SparkObjective}, fitted to and
 * checked against local runs, then extrapolated to a cluster. For N rows of d features on c cores
 * in p partitions:
 * <pre>
 *   T = w N / c + o ceil(p / c) + r + D (lat + k m / B)
 * </pre>
 * where w is the compute time per row (measured in this JVM on one partition's block, without
 * Spark), o the overhead of one task (scheduling, serialization, the per-partition sum), r the
 * fixed cost of one round on the driver (job submission, broadcast of x), and the last term the
 * network of a cluster: a {@code treeAggregate} of depth D whose levels each take a latency lat
 * and gather k = p^(1/D) messages of m bytes (the compensated partial sums) at bandwidth B; local
 * runs have no network. o and r are fitted by least squares to local[1] and local[2] runs with two
 * partition counts (four measurements, two unknowns), and the table shows the model's error on each.
 *
 * <p>Run by {@code ./descent bench spark-scaling [--rows N] [--features D] [--latency-ms L] [--gbps G]};
 * the JVM runs Descent's kernels on one thread per task ({@code -Ddescent.threads=1}), so that c
 * cores run c tasks and nothing else.
 */
public final class ScalingModel {
    private ScalingModel() {
    }

    public static void main(String[] args) {
        long rows = 1_000_000;
        int d = 100;
        double latency = 0.5e-3;
        double bandwidth = 1.25e9;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[i + 1]);
                case "--features" -> d = Integer.parseInt(args[i + 1]);
                case "--latency-ms" -> latency = Double.parseDouble(args[i + 1]) / 1e3;
                case "--gbps" -> bandwidth = Double.parseDouble(args[i + 1]) * 1e9 / 8;
                default -> throw new IllegalArgumentException("ScalingModel: unknown argument " + args[i]);
            }
        }
        double w = perRow(d, (int) Math.min(rows, 250_000));
        System.out.printf(Locale.ROOT, "compute per row, one thread, no Spark: w = %.1f ns (d = %d)%n", w * 1e9, d);

        int[][] configs = {{1, 4}, {1, 16}, {2, 4}, {2, 16}};
        double[] measured = new double[configs.length];
        long bytes = 0;
        int depth = 2;
        for (int k = 0; k < configs.length; k++) {
            int cores = configs[k][0];
            int parts = configs[k][1];
            SparkConf conf = new SparkConf().setAppName("descent-scaling").setMaster("local[" + cores + "]")
                    .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false");
            SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            sc.setLogLevel("WARN");
            try (SparkObjective f = SparkObjective.builder(Synthetic.logistic(sc, rows, d, parts, 1), d + 1, d, Losses.logistic(d))
                    .mean().depth(depth).build()) {
                bytes = f.vectorBytes();
                double[] x = Synthetic.truth(d, 2);
                double[] g = new double[d];
                for (int i = 0; i < 3; i++) {
                    f.valueAndGrad(x, g);
                }
                double[] t = new double[9];
                for (int i = 0; i < t.length; i++) {
                    long s = System.nanoTime();
                    f.valueAndGrad(x, g);
                    t[i] = (System.nanoTime() - s) / 1e9;
                }
                measured[k] = MllibComparison.median(t);
            }
            spark.stop();
            System.out.printf(Locale.ROOT, "local[%d], %2d partitions: %.1f ms per evaluation (median of 9)%n", cores, parts, measured[k] * 1e3);
        }

        // Least squares for (o, r) in T - w N / c = o ceil(p / c) + r.
        double sxx = 0;
        double sx = 0;
        double sxy = 0;
        double sy = 0;
        int m = configs.length;
        for (int k = 0; k < m; k++) {
            double xk = Math.ceil((double) configs[k][1] / configs[k][0]);
            double yk = measured[k] - w * rows / configs[k][0];
            sxx += xk * xk;
            sx += xk;
            sxy += xk * yk;
            sy += yk;
        }
        double o = (m * sxy - sx * sy) / (m * sxx - sx * sx);
        double r = (sy - o * sx) / m;
        System.out.printf(Locale.ROOT, "fitted: task overhead o = %.2f ms, round overhead r = %.2f ms%n", o * 1e3, r * 1e3);
        System.out.println("config              measured ms   model ms   model error");
        for (int k = 0; k < m; k++) {
            double model = w * rows / configs[k][0] + o * Math.ceil((double) configs[k][1] / configs[k][0]) + r;
            System.out.printf(Locale.ROOT, "local[%d], %2d parts  %11.1f %10.1f %+12.1f%%%n", configs[k][0], configs[k][1], measured[k] * 1e3,
                    model * 1e3, 100 * (model / measured[k] - 1));
        }

        System.out.printf(Locale.ROOT, "%nextrapolated to p single-core executors, one partition each, %d-byte partial sums, treeAggregate depth %d,"
                + " latency %.2f ms per level, %.1f Gb/s:%n", bytes, depth, latency * 1e3, bandwidth * 8 / 1e9);
        long[] sizes = {10_000_000L, 1_000_000_000L};
        System.out.println("executors   N = 1e7: compute   network  total ms  speed-up    N = 1e9: total ms  speed-up");
        int[] ps = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000};
        for (int p : ps) {
            double net = p == 1 ? 0 : depth * latency + depth * Math.ceil(Math.pow(p, 1.0 / depth)) * bytes / bandwidth;
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%9d", p));
            for (long n : sizes) {
                double compute = w * n / p;
                double total = compute + o + r + net;
                double one = w * n + o + r;
                if (n == sizes[0]) {
                    line.append(String.format(Locale.ROOT, "  %17.1f %9.2f %9.1f %9.1f", compute * 1e3, net * 1e3, total * 1e3, one / total));
                } else {
                    line.append(String.format(Locale.ROOT, "  %20.1f %9.1f", total * 1e3, one / total));
                }
            }
            System.out.println(line);
        }
    }

    /** Seconds per row of one evaluation on a block of {@code n} rows in this JVM (median of 7). */
    private static double perRow(int d, int n) {
        double[] truth = Synthetic.truth(d, 1);
        Iterator<double[]> it = new Iterator<>() {
            private long i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public double[] next() {
                return Synthetic.row(i++, truth, 1);
            }
        };
        Block b = Block.of("scaling", 0, it, d + 1);
        PartitionEvaluator e = PartitionEvaluator.of("scaling-model", Losses.logistic(d), b, d, 4096);
        double[] x = Synthetic.truth(d, 2);
        for (int i = 0; i < 5; i++) {
            e.valueAndGrad(x, 1.0);
        }
        double[] t = new double[7];
        for (int i = 0; i < t.length; i++) {
            long s = System.nanoTime();
            e.valueAndGrad(x, 1.0);
            t[i] = (System.nanoTime() - s) / 1e9;
        }
        return MllibComparison.median(t) / n;
    }
}
