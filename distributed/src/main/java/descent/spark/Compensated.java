package descent.spark;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Partial sums of a vector in float64 with Neumaier's compensation: each element keeps a running
 * sum {@code s} and the rounding error {@code c} lost from it, so the total {@code s + c} is the
 * exact sum rounded once, up to {@code O(n eps^2)} of the summands' magnitudes. Merging two partial
 * sums is as accurate, which makes a {@code treeAggregate} of partition sums independent of the
 * partitioning and of the order partitions arrive in, beyond the last rounding.
 *
 * <p>It also carries the first non-finite element met (the lowest partition), so the driver can
 * name the partition whose contribution was NaN or infinite.
 */
final class Compensated implements Serializable {
    private static final long serialVersionUID = 1L;

    final double[] sum;
    final double[] err;
    /** Lowest partition with a non-finite contribution, or -1. */
    int badPartition = -1;
    /** Element of that partition's contribution that was not finite. */
    int badElement = -1;
    /** Its value. */
    double badValue;

    Compensated(int n) {
        sum = new double[n];
        err = new double[n];
    }

    /** Adds {@code v[0..n)}, the contribution of {@code partition}, checking it is finite. */
    void add(double[] v, int partition) {
        for (int i = 0; i < sum.length; i++) {
            double x = v[i];
            if (!Double.isFinite(x)) {
                flag(partition, i, x);
            }
            add(i, x);
        }
    }

    /** Scales by {@code a} and adds {@code v}: the contribution of {@code partition}, as {@link #add}. */
    void addScaled(double a, double[] v, int partition) {
        for (int i = 0; i < sum.length; i++) {
            double x = a * v[i];
            if (!Double.isFinite(x)) {
                flag(partition, i, x);
            }
            add(i, x);
        }
    }

    private void add(int i, double x) {
        double s = sum[i];
        double t = s + x;
        if (Math.abs(s) >= Math.abs(x)) {
            err[i] += (s - t) + x;
        } else {
            err[i] += (x - t) + s;
        }
        sum[i] = t;
    }

    private void flag(int partition, int element, double value) {
        if (badPartition < 0 || partition < badPartition) {
            badPartition = partition;
            badElement = element;
            badValue = value;
        }
    }

    /** Adds another partial sum (both its sums and its compensations) into this one; returns this. */
    Compensated merge(Compensated o) {
        for (int i = 0; i < sum.length; i++) {
            add(i, o.sum[i]);
            err[i] += o.err[i];
        }
        if (o.badPartition >= 0) {
            flag(o.badPartition, o.badElement, o.badValue);
        }
        return this;
    }

    /** The compensated totals {@code s + c}. */
    double[] total() {
        double[] t = new double[sum.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = sum[i] + err[i];
        }
        return t;
    }

    @Override
    public String toString() {
        return "Compensated" + Arrays.toString(total());
    }
}
