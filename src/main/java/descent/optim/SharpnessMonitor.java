package descent.optim;

import descent.curvature.Eigen;
import descent.curvature.Operator;
import descent.tensor.Rng;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A {@link Minimize.Callback} that measures the sharpness {@code lambda_max}, the largest
 * eigenvalue of the Hessian at the current iterate, by Lanczos on Hessian-vector products, and
 * records it beside the stability threshold {@code 2 / lr} of gradient descent with the step's
 * learning rate (Cohen et al. 2021, "Gradient descent on neural networks typically occurs at the
 * edge of stability"): above it, plain gradient descent diverges along the top eigenvector of a
 * quadratic.
 *
 * <pre>{@code
 * SharpnessMonitor sharpness = SharpnessMonitor.of(HessianObjective.of(loss, params, data), 20, 0);
 * Minimize.with(Optimizers.sgd(0.05)).every(100, sharpness).run(objective, params);
 * sharpness.readings().forEach(r -> System.out.println(r.step() + " " + r.lambdaMax() + " " + r.threshold()));
 * }</pre>
 */
public final class SharpnessMonitor implements Minimize.Callback {
    /**
     * One measurement.
     *
     * @param step       the step of the run
     * @param lambdaMax  the largest Hessian eigenvalue at that step's iterate
     * @param threshold  {@code 2 / lr} for the step's learning rate (NaN if the optimizer has none)
     */
    public record Reading(long step, double lambdaMax, double threshold) {
        /** True if {@code lambda_max > 2 / lr}: gradient descent at this learning rate is past the edge of stability. */
        public boolean unstable() {
            return lambdaMax > threshold;
        }
    }

    private final HessianObjective objective;
    private final int steps;
    private final Rng rng;
    private final List<Reading> readings = new ArrayList<>();

    private SharpnessMonitor(HessianObjective objective, int steps, long seed) {
        this.objective = objective;
        this.steps = steps;
        this.rng = new Rng(seed);
    }

    /**
     * A monitor of {@code objective}'s Hessian with {@code lanczosSteps} Hessian-vector products
     * per reading (20 give the top eigenvalue of a well-separated spectrum to many digits),
     * start vectors drawn from a generator seeded with {@code seed}.
     *
     * @throws IllegalArgumentException if the objective is null or {@code lanczosSteps < 1}
     */
    public static SharpnessMonitor of(HessianObjective objective, int lanczosSteps, long seed) {
        if (objective == null) {
            throw new IllegalArgumentException("SharpnessMonitor: the objective is null");
        }
        return new SharpnessMonitor(objective, Hyper.checkAtLeast("SharpnessMonitor", "lanczosSteps", lanczosSteps, 1), seed);
    }

    @Override
    public void onStep(Progress progress) {
        double[] x = progress.x().clone();
        Eigen.Pairs top = Eigen.lanczos(Operator.hessian(objective::hvp, x), 1, steps, rng);
        double lr = progress.learningRate();
        readings.add(new Reading(progress.step(), top.values()[0], lr > 0 ? 2 / lr : Double.NaN));
    }

    /** The readings so far, in step order. */
    public List<Reading> readings() {
        return Collections.unmodifiableList(readings);
    }

    /** The last reading, or null if none was taken. */
    public Reading last() {
        return readings.isEmpty() ? null : readings.get(readings.size() - 1);
    }
}
