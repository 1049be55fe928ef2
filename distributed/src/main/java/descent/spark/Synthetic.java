package descent.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic logistic-regression data generated on the executors: row {@code i} is
 * {@code [x_1, ..., x_d, y]} with standard normal features and a label {@code y = +1} with
 * probability {@code sigmoid(x . w*)} (else {@code -1}), for a fixed {@code w*} with entries
 * normal over {@code sqrt(d)}. Each row depends only on the seed and its index, so the dataset is
 * the same however it is partitioned.
 */
public final class Synthetic {
    private Synthetic() {
    }

    /** The true weights {@code w*} of the data of {@code seed}. */
    public static double[] truth(int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] w = new double[d];
        for (int j = 0; j < d; j++) {
            w[j] = gaussian(r) / Math.sqrt(d);
        }
        return w;
    }

    /** Row {@code i}: {@code d} features and the label. */
    public static double[] row(long i, double[] truth, long seed) {
        int d = truth.length;
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i * 0xBF58476D1CE4E5B9L + 1);
        double[] row = new double[d + 1];
        double z = 0;
        for (int j = 0; j < d; j++) {
            row[j] = gaussian(r);
            z += row[j] * truth[j];
        }
        row[d] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : -1;
        return row;
    }

    /** The rows {@code 0..rows-1} as a row-major matrix {@code [rows, d + 1]}, generated on the driver. */
    public static double[] matrix(int rows, int d, long seed) {
        double[] truth = truth(d, seed);
        double[] m = new double[rows * (d + 1)];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(row(i, truth, seed), 0, m, i * (d + 1), d + 1);
        }
        return m;
    }

    /** The rows {@code 0..rows-1} in {@code partitions} contiguous ranges, generated on the executors. */
    public static JavaRDD<double[]> logistic(JavaSparkContext sc, long rows, int d, int partitions, long seed) {
        if (rows < 0 || d < 1 || partitions < 1) {
            throw new IllegalArgumentException("Synthetic.logistic: needs rows >= 0, d >= 1 and partitions >= 1, got " + rows + ", "
                    + d + ", " + partitions);
        }
        double[] truth = truth(d, seed);
        List<long[]> ranges = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            ranges.add(new long[] {rows * p / partitions, rows * (p + 1) / partitions});
        }
        return sc.parallelize(ranges, partitions).flatMap(range -> {
            List<double[]> out = new ArrayList<>((int) (range[1] - range[0]));
            for (long i = range[0]; i < range[1]; i++) {
                out.add(row(i, truth, seed));
            }
            return out.iterator();
        });
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
