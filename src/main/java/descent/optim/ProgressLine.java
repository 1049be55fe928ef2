package descent.optim;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A live one-line display of a run for a terminal: the step out of the total, the loss, steps per
 * second and the estimated time left, rewritten in place (carriage return) at most five times a
 * second and ended with a newline at the last step. Register it with
 * {@code Minimize.every(1, line)}; it asks to be called back about once a millisecond (and after
 * the last step), so a fast loop pays nothing on the steps in between.
 *
 * <p>Consecutive runs (the phases of a training) continue one count: a step number lower than the
 * previous one starts the next run, whose steps are added to those already shown.
 */
public final class ProgressLine implements Minimize.Callback {
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final long CHECK_NANOS = 1_000_000L;

    private final PrintStream out;
    private final String label;
    private final long total;
    private long offset;
    private long last;
    private long firstNanos = -1;
    private long firstStep;
    private long drawnNanos;
    private long calledNanos;
    private int stride = 1;
    private int width;

    private ProgressLine(PrintStream out, String label, long total) {
        if (out == null || label == null) {
            throw new IllegalArgumentException("ProgressLine: needs an output stream and a label");
        }
        if (total < 1) {
            throw new IllegalArgumentException("ProgressLine: the total number of steps must be at least 1, got " + total);
        }
        this.out = out;
        this.label = label;
        this.total = total;
    }

    /** A progress line on standard output for a run (or runs) of {@code totalSteps} steps. */
    public static ProgressLine of(String label, long totalSteps) {
        return new ProgressLine(System.out, label, totalSteps);
    }

    /** A progress line on {@code out}. */
    public static ProgressLine to(PrintStream out, String label, long totalSteps) {
        return new ProgressLine(out, label, totalSteps);
    }

    @Override
    public void onStep(Progress p) {
        long steps = p.step() > last ? p.step() - last : p.step();
        if (p.step() < last) {
            offset += last;
        }
        last = p.step();
        long step = offset + p.step();
        long now = System.nanoTime();
        if (firstNanos < 0) {
            firstNanos = now;
            firstStep = step;
        } else {
            long perStep = Math.max(1, (now - calledNanos) / Math.max(1, steps));
            stride = (int) Math.max(1, Math.min(1 << 20, CHECK_NANOS / perStep));
        }
        calledNanos = now;
        boolean done = step >= total;
        if (!done && now - drawnNanos < REDRAW_NANOS) {
            return;
        }
        drawnNanos = now;
        double seconds = (now - firstNanos) / 1e9;
        double rate = step > firstStep && seconds > 0 ? (step - firstStep) / seconds : Double.NaN;
        String text = String.format(Locale.ROOT, "%s  step %d/%d  loss %.4e  %s  %s", label, step, total, p.loss(),
                Double.isNaN(rate) ? "-- it/s" : String.format(Locale.ROOT, "%.1f it/s", rate),
                done ? String.format(Locale.ROOT, "%.1f s", p.elapsedNanos() / 1e9) : remaining(rate, total - step));
        StringBuilder line = new StringBuilder("\r").append(text);
        for (int i = text.length(); i < width; i++) {
            line.append(' ');
        }
        width = text.length();
        out.print(line);
        if (done) {
            out.println();
        }
        out.flush();
    }

    @Override
    public int stepsToNext() {
        return stride;
    }

    private static String remaining(double rate, long steps) {
        if (!(rate > 0)) {
            return "";
        }
        long s = Math.round(steps / rate);
        return s >= 60 ? String.format(Locale.ROOT, "%d min %02d s left", s / 60, s % 60) : s + " s left";
    }
}
