package descent.spark;

import java.util.Locale;

/**
 * The outcome of a {@link DistributedSgd} run: the final point, the objective there, and per round
 * the loss at the round's start point and the bytes communicated each way.
 */
public final class Rounds {
    private final double[] x;
    private final double value;
    private final double[] losses;
    private final long[] uplink;
    private final long[] downlink;
    private final long nanos;

    Rounds(double[] x, double value, double[] losses, long[] uplink, long[] downlink, long nanos) {
        this.x = x;
        this.value = value;
        this.losses = losses;
        this.uplink = uplink;
        this.downlink = downlink;
        this.nanos = nanos;
    }

    /** The final point (a copy). */
    public double[] x() {
        return x.clone();
    }

    /** The objective at the final point. */
    public double value() {
        return value;
    }

    /** Number of rounds run. */
    public int rounds() {
        return losses.length;
    }

    /** The objective at the point round {@code t} started from (the sum of the partitions' reported losses). */
    public double loss(int t) {
        return losses[t];
    }

    /** Payload bytes the workers sent to the driver in round {@code t}: their messages and 8 bytes of loss each. */
    public long uplinkBytes(int t) {
        return uplink[t];
    }

    /** Bytes the driver sent to the workers in round {@code t}: the parameter vector, {@code 8 n} to each partition. */
    public long downlinkBytes(int t) {
        return downlink[t];
    }

    /** Total bytes both ways over all rounds. */
    public long totalBytes() {
        long s = 0;
        for (int t = 0; t < losses.length; t++) {
            s += uplink[t] + downlink[t];
        }
        return s;
    }

    /** Wall time of the run in nanoseconds. */
    public long nanos() {
        return nanos;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Rounds{%d rounds, f = %.6e, %,d bytes, %.1f ms}", losses.length, value, totalBytes(), nanos / 1e6);
    }
}
