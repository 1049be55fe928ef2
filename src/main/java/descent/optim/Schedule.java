package descent.optim;

import java.util.Arrays;

/**
 * A hyperparameter as a function of the step: {@code at(t)} is the value used by the update that
 * follows {@code t} earlier updates (so {@code at(0)} is used by the first update), the
 * convention of optax and of torch's learning-rate schedulers stepped once per optimizer step.
 * Every hyperparameter of every transform accepts a schedule; a number is {@link #constant}.
 * Schedules are stateless, so a checkpoint restores one by restoring the step count. (The one
 * schedule that depends on the losses, reduce-on-plateau, is a transform:
 * {@link Transforms#reduceOnPlateau}.)
 */
@FunctionalInterface
public interface Schedule {
    /** The value at step {@code t >= 0}. */
    double at(long t);

    /** This schedule multiplied by {@code factor}. */
    default Schedule times(double factor) {
        Schedule self = this;
        return t -> factor * self.at(t);
    }

    /** A constant value. */
    static Schedule constant(double value) {
        return new Constant(value);
    }

    /** The schedule of a constant value. */
    record Constant(double value) implements Schedule {
        @Override
        public double at(long t) {
            return value;
        }

        @Override
        public String toString() {
            return Double.toString(value);
        }
    }

    private static void requirePositive(String op, String name, long v) {
        if (v <= 0) {
            throw new IllegalArgumentException(op + ": " + name + " must be positive, got " + v);
        }
    }

    private static void requireNonNegative(String op, String name, long v) {
        if (v < 0) {
            throw new IllegalArgumentException(op + ": " + name + " must be >= 0, got " + v);
        }
    }

    /**
     * {@code values[i]} for steps before {@code boundaries[i]} (and after {@code boundaries[i-1]}),
     * {@code values[values.length - 1]} from the last boundary on.
     *
     * @throws IllegalArgumentException unless there is one more value than boundaries and the boundaries increase
     */
    static Schedule piecewise(long[] boundaries, double[] values) {
        if (values.length != boundaries.length + 1) {
            throw new IllegalArgumentException("piecewise: needs one more value than boundaries, got " + values.length
                    + " values and " + boundaries.length + " boundaries");
        }
        for (int i = 1; i < boundaries.length; i++) {
            if (boundaries[i] <= boundaries[i - 1]) {
                throw new IllegalArgumentException("piecewise: boundaries must increase, got " + Arrays.toString(boundaries));
            }
        }
        long[] b = boundaries.clone();
        double[] v = values.clone();
        return t -> {
            int i = 0;
            while (i < b.length && t >= b[i]) {
                i++;
            }
            return v[i];
        };
    }

    /** torch's StepLR: {@code init * gamma^floor(t / stepSize)}. */
    static Schedule step(double init, long stepSize, double gamma) {
        requirePositive("step", "stepSize", stepSize);
        return t -> init * Math.pow(gamma, Math.floorDiv(t, stepSize));
    }

    /** torch's MultiStepLR: {@code init * gamma^(number of milestones <= t)}. */
    static Schedule multiStep(double init, long[] milestones, double gamma) {
        long[] m = milestones.clone();
        Arrays.sort(m);
        return t -> {
            int k = 0;
            while (k < m.length && m[k] <= t) {
                k++;
            }
            return init * Math.pow(gamma, k);
        };
    }

    /**
     * Exponential decay (optax's {@code exponential_decay}): {@code init * rate^(t / transitionSteps)},
     * the exponent rounded down if {@code staircase}. torch's ExponentialLR(gamma) is
     * {@code exponential(init, gamma, 1, false)}.
     */
    static Schedule exponential(double init, double rate, long transitionSteps, boolean staircase) {
        requirePositive("exponential", "transitionSteps", transitionSteps);
        return t -> init * Math.pow(rate, staircase ? (double) Math.floorDiv(t, transitionSteps) : (double) t / transitionSteps);
    }

    /** Inverse-time decay: {@code init / (1 + rate * t / decaySteps)}, the ratio rounded down if {@code staircase}. */
    static Schedule inverseTime(double init, double rate, long decaySteps, boolean staircase) {
        requirePositive("inverseTime", "decaySteps", decaySteps);
        return t -> init / (1 + rate * (staircase ? (double) Math.floorDiv(t, decaySteps) : (double) t / decaySteps));
    }

    /**
     * Polynomial decay from {@code init} to {@code end} over {@code steps} steps:
     * {@code (init - end) (1 - min(t, steps) / steps)^power + end}. torch's PolynomialLR is {@code end = 0}.
     */
    static Schedule polynomial(double init, double end, double power, long steps) {
        requirePositive("polynomial", "steps", steps);
        return t -> (init - end) * Math.pow(1 - (double) Math.min(t, steps) / steps, power) + end;
    }

    /** Linear interpolation from {@code from} to {@code to} over {@code steps} steps, then {@code to}. */
    static Schedule linear(double from, double to, long steps) {
        requireNonNegative("linear", "steps", steps);
        return t -> t >= steps ? to : from + (to - from) * t / steps;
    }

    /**
     * Cosine decay from {@code init} to {@code end} over {@code steps} steps, then {@code end}:
     * {@code end + (init - end) (1 + cos(pi min(t, steps) / steps)) / 2}; torch's CosineAnnealingLR
     * with {@code eta_min = end} within its first half-period.
     */
    static Schedule cosine(double init, long steps, double end) {
        requirePositive("cosine", "steps", steps);
        return t -> end + (init - end) * 0.5 * (1 + Math.cos(Math.PI * Math.min(t, steps) / steps));
    }

    /** A linear warmup from 0 to {@code peak} over {@code warmupSteps} steps, then {@code peak}. */
    static Schedule linearWarmup(double peak, long warmupSteps) {
        return linear(0, peak, warmupSteps);
    }

    /**
     * optax's {@code warmup_cosine_decay_schedule}: linear from {@code init} to {@code peak} over
     * {@code warmupSteps}, then cosine decay to {@code end} until step {@code totalSteps}.
     */
    static Schedule warmupCosine(double init, double peak, long warmupSteps, long totalSteps, double end) {
        requireNonNegative("warmupCosine", "warmupSteps", warmupSteps);
        if (totalSteps <= warmupSteps) {
            throw new IllegalArgumentException("warmupCosine: totalSteps (" + totalSteps + ") must exceed warmupSteps ("
                    + warmupSteps + ")");
        }
        return join(new Schedule[] {linear(init, peak, warmupSteps), cosine(peak, totalSteps - warmupSteps, end)},
                new long[] {warmupSteps});
    }

    /**
     * Warmup-stable-decay: linear from 0 to {@code peak} over {@code warmupSteps}, constant for
     * {@code stableSteps}, then linear decay to {@code end} over {@code decaySteps}.
     */
    static Schedule warmupStableDecay(double peak, long warmupSteps, long stableSteps, long decaySteps, double end) {
        requireNonNegative("warmupStableDecay", "warmupSteps", warmupSteps);
        requireNonNegative("warmupStableDecay", "stableSteps", stableSteps);
        requirePositive("warmupStableDecay", "decaySteps", decaySteps);
        return join(new Schedule[] {linear(0, peak, warmupSteps), constant(peak), linear(peak, end, decaySteps)},
                new long[] {warmupSteps, warmupSteps + stableSteps});
    }

    /**
     * torch's OneCycleLR (two phases, cosine annealing): from {@code maxLr / divFactor} up to
     * {@code maxLr} until step {@code pctStart * totalSteps - 1}, then down to
     * {@code maxLr / divFactor / finalDivFactor} at step {@code totalSteps - 1}. torch's
     * defaults: {@code pctStart = 0.3, divFactor = 25, finalDivFactor = 1e4}.
     */
    static Schedule oneCycle(long totalSteps, double maxLr, double pctStart, double divFactor, double finalDivFactor) {
        requirePositive("oneCycle", "totalSteps", totalSteps);
        Hyper.check("oneCycle", "pctStart", pctStart, Hyper.Range.UNIT_CLOSED);
        double initial = maxLr / divFactor;
        return oneCycleShape(totalSteps, pctStart, initial, maxLr, initial / finalDivFactor);
    }

    /**
     * The momentum (or Adam beta1) schedule torch's OneCycleLR applies with {@code cycle_momentum}:
     * from {@code max} down to {@code base} in the first phase and back up to {@code max}.
     * torch's defaults: {@code base = 0.85, max = 0.95}.
     */
    static Schedule oneCycleMomentum(long totalSteps, double pctStart, double base, double max) {
        requirePositive("oneCycleMomentum", "totalSteps", totalSteps);
        return oneCycleShape(totalSteps, pctStart, max, base, max);
    }

    private static Schedule oneCycleShape(long totalSteps, double pctStart, double start, double mid, double end) {
        double end1 = pctStart * totalSteps - 1;
        double end2 = totalSteps - 1;
        if (!(end1 > 0 && end2 > end1)) {
            throw new IllegalArgumentException("oneCycle: pctStart * totalSteps must lie in (1, totalSteps - 1) so both phases "
                    + "have steps, got pctStart = " + pctStart + " and totalSteps = " + totalSteps);
        }
        return t -> {
            if (t <= end1) {
                return anneal(start, mid, t / end1);
            }
            return anneal(mid, end, (t - end1) / (end2 - end1));
        };
    }

    private static double anneal(double start, double end, double pct) {
        return end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1);
    }

    /**
     * Runs {@code schedules[0]} until {@code boundaries[0]}, then {@code schedules[1]} counting
     * steps from that boundary, and so on (optax's {@code join_schedules}).
     */
    static Schedule join(Schedule[] schedules, long[] boundaries) {
        if (schedules.length != boundaries.length + 1) {
            throw new IllegalArgumentException("join: needs one more schedule than boundaries, got " + schedules.length
                    + " schedules and " + boundaries.length + " boundaries");
        }
        Schedule[] s = schedules.clone();
        long[] b = boundaries.clone();
        return t -> {
            int i = 0;
            while (i < b.length && t >= b[i]) {
                i++;
            }
            return s[i].at(i == 0 ? t : t - b[i - 1]);
        };
    }
}
