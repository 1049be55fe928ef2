package descent.optim;

import descent.tensor.ParamLayout;
import descent.tensor.Params;
import descent.tensor.Tensor;

/**
 * What a {@link Minimize} callback sees after a step: the step count, the loss and gradient norm
 * at the iterate the step started from, the learning rate it used, the elapsed time, and the
 * current parameters. One instance is reused for the whole run.
 */
public final class Progress {
    private final ParamLayout layout;
    private final double[] x;
    private long step;
    private double loss;
    private double gradNorm;
    private double lr;
    private long elapsedNanos;
    boolean stopRequested;

    Progress(ParamLayout layout, double[] x) {
        this.layout = layout;
        this.x = x;
    }

    void set(long step, double loss, double gradNorm, double lr, long elapsedNanos) {
        this.step = step;
        this.loss = loss;
        this.gradNorm = gradNorm;
        this.lr = lr;
        this.elapsedNanos = elapsedNanos;
    }

    /** Number of steps taken so far. */
    public long step() {
        return step;
    }

    /** The loss at the iterate the last step started from. */
    public double loss() {
        return loss;
    }

    /** The gradient norm there. */
    public double gradientNorm() {
        return gradNorm;
    }

    /** The learning rate of the last step (NaN if the optimizer has none). */
    public double learningRate() {
        return lr;
    }

    /** Wall time since the run started, in nanoseconds. */
    public long elapsedNanos() {
        return elapsedNanos;
    }

    /** The current parameters as a flat vector (the live array: read, do not modify). */
    public double[] x() {
        return x;
    }

    /** The current parameters as a new tree of tensors. */
    public Params<Tensor> params() {
        return layout.unflatten(x.clone());
    }

    /** Asks the run to stop after this step (its reason will be {@link Stop.Reason#CALLBACK}). */
    public void stop() {
        stopRequested = true;
    }
}
