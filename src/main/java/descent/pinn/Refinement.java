package descent.pinn;

import descent.tensor.Tensor;

import java.util.List;

/**
 * Residual-based adaptive refinement (RAR, Lu et al., SIAM Review 2021, the scheme of DeepXDE's
 * Burgers example): after the training phases, up to {@code rounds} times, the PDE residual is
 * evaluated on {@code candidates} fresh uniform random points of the domain; if the mean of its
 * magnitude is below {@code threshold} the training ends, otherwise the {@code add} candidates with
 * the largest residual join the interior training points for the rest of the training (through
 * resampling too) and the {@code retrain} phases run again. The residual is evaluated with exact
 * operators; with several PDE terms its magnitude at a point is sqrt(sum_t r_t^2).
 *
 * <pre>{@code
 * Refinement rar = Refinement.of(100_000, 100, 5, 5e-3, Phase.adam(1000, 1e-3), Phase.lbfgs(5000));
 * Training t = pinn.train(pinn.init(Key.of(0)), rar, Phase.adam(15_000, 1e-3), Phase.lbfgs(15_000));
 * }</pre>
 *
 * @param candidates random points on which the residual is evaluated in every round
 * @param add        points added per round, at most {@code candidates}
 * @param rounds     the largest number of rounds
 * @param threshold  stop once the mean residual magnitude over the candidates is below this (0: never)
 * @param retrain    the phases run after each round's points are added
 */
public record Refinement(int candidates, int add, int rounds, double threshold, List<Phase> retrain) {
    /** Checks the arguments. */
    public Refinement {
        if (candidates < 1 || add < 1 || add > candidates) {
            throw new IllegalArgumentException("Refinement: needs 1 <= add <= candidates, got add " + add + " and candidates " + candidates);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("Refinement: needs at least one round, got " + rounds);
        }
        if (!(threshold >= 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("Refinement: the threshold must be finite and non-negative, got " + threshold);
        }
        if (retrain == null || retrain.isEmpty()) {
            throw new IllegalArgumentException("Refinement: needs at least one phase to run after each round");
        }
        retrain = List.copyOf(retrain);
    }

    /** A refinement that runs {@code retrain} after each round. */
    public static Refinement of(int candidates, int add, int rounds, double threshold, Phase... retrain) {
        return new Refinement(candidates, add, rounds, threshold, List.of(retrain));
    }

    /**
     * One round of a refinement.
     *
     * @param step          the training step at which the residual was evaluated
     * @param meanResidual  the mean residual magnitude over the candidates
     * @param maxResidual   the largest residual magnitude over the candidates
     * @param added         the points added [add, d], or null if the round ended the training
     */
    public record Round(long step, double meanResidual, double maxResidual, Tensor added) {
    }
}
