package descent.optim;

import java.util.Locale;

/**
 * A named hyperparameter of a transform: a {@link Schedule} of values and the interval they must
 * lie in. A constant is checked when the transform is built; a scheduled value is checked every
 * time it is read, and the error names the transform, the hyperparameter, the step and the
 * valid interval.
 */
public final class Hyper {
    /** An interval of valid values. */
    public record Range(double lo, boolean loOpen, double hi, boolean hiOpen) {
        /** Any finite or infinite value except NaN. */
        public static final Range ANY = new Range(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);
        /** {@code [0, inf)}. */
        public static final Range NON_NEGATIVE = new Range(0, false, Double.POSITIVE_INFINITY, false);
        /** {@code (0, inf)}. */
        public static final Range POSITIVE = new Range(0, true, Double.POSITIVE_INFINITY, false);
        /** {@code [0, 1)}: decay rates such as Adam's betas. */
        public static final Range UNIT = new Range(0, false, 1, true);
        /** {@code [0, 1]}. */
        public static final Range UNIT_CLOSED = new Range(0, false, 1, false);
        /** {@code (0, 1)}. */
        public static final Range UNIT_OPEN = new Range(0, true, 1, true);
        /** {@code (0, 1]}. */
        public static final Range UNIT_LEFT_OPEN = new Range(0, true, 1, false);

        /** An interval {@code [lo, hi]}. */
        public static Range closed(double lo, double hi) {
            return new Range(lo, false, hi, false);
        }

        /** True if {@code v} lies in the interval. */
        public boolean contains(double v) {
            return (loOpen ? v > lo : v >= lo) && (hiOpen ? v < hi : v <= hi);
        }

        @Override
        public String toString() {
            boolean openLo = loOpen || Double.isInfinite(lo);
            boolean openHi = hiOpen || Double.isInfinite(hi);
            return (openLo ? "(" : "[") + fmt(lo) + ", " + fmt(hi) + (openHi ? ")" : "]");
        }

        private static String fmt(double v) {
            if (Double.isInfinite(v)) {
                return v > 0 ? "inf" : "-inf";
            }
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
        }
    }

    private final String owner;
    private final String name;
    private final Schedule schedule;
    private final Range range;
    private final boolean constant;
    private final double value;

    private Hyper(String owner, String name, Schedule schedule, Range range) {
        this.owner = owner;
        this.name = name;
        this.schedule = schedule;
        this.range = range;
        this.constant = schedule instanceof Schedule.Constant;
        this.value = constant ? schedule.at(0) : Double.NaN;
        if (constant) {
            check(owner, name, value, range);
        }
    }

    /**
     * A hyperparameter following {@code schedule}.
     *
     * @throws IllegalArgumentException if the schedule is a constant outside {@code range}
     */
    public static Hyper of(String owner, String name, Schedule schedule, Range range) {
        if (schedule == null) {
            throw new IllegalArgumentException(owner + ": " + name + " must not be null");
        }
        return new Hyper(owner, name, schedule, range);
    }

    /** A constant hyperparameter. */
    public static Hyper of(String owner, String name, double value, Range range) {
        return new Hyper(owner, name, Schedule.constant(value), range);
    }

    /**
     * Fails unless {@code value} lies in {@code range}.
     *
     * @throws IllegalArgumentException naming the owner, the hyperparameter and the valid interval
     */
    public static double check(String owner, String name, double value, Range range) {
        if (!range.contains(value)) {
            throw new IllegalArgumentException(owner + ": " + name + " must be in " + range + ", got " + value);
        }
        return value;
    }

    /** Fails unless {@code value} is at least {@code min}. */
    public static int checkAtLeast(String owner, String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(owner + ": " + name + " must be an integer >= " + min + ", got " + value);
        }
        return value;
    }

    /**
     * The value at {@code step} (the number of updates made before this one).
     *
     * @throws IllegalArgumentException if a scheduled value falls outside the valid interval
     */
    public double at(long step) {
        if (constant) {
            return value;
        }
        double v = schedule.at(step);
        if (!range.contains(v)) {
            throw new IllegalArgumentException(owner + ": " + name + " follows a schedule whose value at step " + step + " is "
                    + v + ", outside " + range);
        }
        return v;
    }

    /** True if the value never changes. */
    public boolean isConstant() {
        return constant;
    }

    /** The hyperparameter's name. */
    public String name() {
        return name;
    }

    /** The schedule. */
    public Schedule schedule() {
        return schedule;
    }

    @Override
    public String toString() {
        return name + "=" + (constant ? String.valueOf(value) : schedule.toString());
    }
}
