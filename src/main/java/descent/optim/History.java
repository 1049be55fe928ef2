package descent.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Minimize} run recorded, one entry per evaluation of the objective: entry {@code k}
 * is the loss and gradient norm at the {@code k}-th iterate, the learning rate of the step taken
 * from it (for a {@link Method}, the length of its line-search step), the wall time of that evaluation and step, and whether the step was skipped for a
 * non-finite gradient; on request also the iterates themselves.
 */
public final class History {
    private double[] loss = new double[16];
    private double[] gradNorm = new double[16];
    private double[] lr = new double[16];
    private double[] measure = new double[16];
    private long[] nanos = new long[16];
    private boolean[] skipped = new boolean[16];
    private final List<double[]> iterates = new ArrayList<>();
    private int size;

    History(int capacity) {
        ensure(Math.max(16, capacity));
    }

    private void ensure(int n) {
        if (n > loss.length) {
            int c = Math.max(n, loss.length * 2);
            loss = Arrays.copyOf(loss, c);
            gradNorm = Arrays.copyOf(gradNorm, c);
            lr = Arrays.copyOf(lr, c);
            measure = Arrays.copyOf(measure, c);
            nanos = Arrays.copyOf(nanos, c);
            skipped = Arrays.copyOf(skipped, c);
        }
    }

    void add(double loss, double gradNorm, double lr, long nanos, boolean skipped) {
        ensure(size + 1);
        this.loss[size] = loss;
        this.gradNorm[size] = gradNorm;
        this.lr[size] = lr;
        this.measure[size] = Double.NaN;
        this.nanos[size] = nanos;
        this.skipped[size] = skipped;
        size++;
    }

    void setLearningRate(int k, double v) {
        lr[k] = v;
    }

    void setMeasure(int k, double v) {
        measure[k] = v;
    }

    void setNanos(int k, long ns) {
        nanos[k] = ns;
    }

    void addIterate(double[] x) {
        iterates.add(x.clone());
    }

    /** Number of entries. */
    public int size() {
        return size;
    }

    /** The loss of entry {@code k}. */
    public double loss(int k) {
        return loss[Objects.checkIndex(k, size)];
    }

    /** The gradient norm of entry {@code k}. */
    public double gradientNorm(int k) {
        return gradNorm[Objects.checkIndex(k, size)];
    }

    /**
     * The method's own optimality measure at entry {@code k}, where the gradient norm says little
     * (constrained and nonsmooth problems): the Frank–Wolfe gap {@code max_{s in C} <g, x - s>},
     * the norm of the gradient mapping {@code |x - P(x - t g)| / t}, or the constraint violation
     * of an augmented-Lagrangian iterate; NaN if the method reports none.
     */
    public double measure(int k) {
        return measure[Objects.checkIndex(k, size)];
    }

    /** The measures of all entries (a copy); see {@link #measure(int)}. */
    public double[] measures() {
        return Arrays.copyOf(measure, size);
    }

    /** The learning rate of the step taken from entry {@code k} (NaN if the optimizer has none). */
    public double learningRate(int k) {
        return lr[Objects.checkIndex(k, size)];
    }

    /** Wall time of entry {@code k}'s evaluation and step, in nanoseconds. */
    public long nanos(int k) {
        return nanos[Objects.checkIndex(k, size)];
    }

    /** True if the step from entry {@code k} was skipped for a non-finite loss or gradient. */
    public boolean skipped(int k) {
        return skipped[Objects.checkIndex(k, size)];
    }

    /** All losses. */
    public double[] losses() {
        return Arrays.copyOf(loss, size);
    }

    /** All gradient norms. */
    public double[] gradientNorms() {
        return Arrays.copyOf(gradNorm, size);
    }

    /** All learning rates. */
    public double[] learningRates() {
        return Arrays.copyOf(lr, size);
    }

    /** All step times in nanoseconds. */
    public long[] stepNanos() {
        return Arrays.copyOf(nanos, size);
    }

    /** Number of skipped steps. */
    public int skippedSteps() {
        int n = 0;
        for (int k = 0; k < size; k++) {
            n += skipped[k] ? 1 : 0;
        }
        return n;
    }

    /** The recorded iterates (flat vectors), empty unless the run recorded them. */
    public List<double[]> iterates() {
        return Collections.unmodifiableList(iterates);
    }

    // ---- checkpoints ----

    double[] lossArray() {
        return loss;
    }

    double[] gradNormArray() {
        return gradNorm;
    }

    double[] lrArray() {
        return lr;
    }

    long[] nanosArray() {
        return nanos;
    }

    boolean[] skippedArray() {
        return skipped;
    }

    double[] measureArray() {
        return measure;
    }

    void restore(double[] l, double[] g, double[] r, double[] m, long[] ns, boolean[] sk) {
        size = 0;
        ensure(l.length);
        System.arraycopy(l, 0, loss, 0, l.length);
        System.arraycopy(g, 0, gradNorm, 0, l.length);
        System.arraycopy(r, 0, lr, 0, l.length);
        System.arraycopy(m, 0, measure, 0, l.length);
        System.arraycopy(ns, 0, nanos, 0, l.length);
        System.arraycopy(sk, 0, skipped, 0, l.length);
        size = l.length;
    }

    @Override
    public String toString() {
        return "History{" + size + " entries" + (size > 0 ? ", last loss " + loss[size - 1] : "") + "}";
    }
}
