package descent.pinn;

import descent.optim.Result;
import descent.tensor.Params;
import descent.tensor.Tensor;

import java.util.List;

/**
 * The outcome of {@link Pinn#train}: the trained parameters, each phase's {@link Result} (with its
 * loss history and stop reason), and a record every metric interval of the loss, the relative L2
 * error against the problem's solution and every term's loss; with a {@link Refinement}, its rounds.
 *
 * @param params     the trained parameters
 * @param phases     each phase's result
 * @param records    the measurements, in step order
 * @param termNames  the names of the loss terms, in the order of {@link Record#terms()}
 * @param nanos      the wall time of the whole training
 * @param rounds     the refinement's rounds, in order (empty without a refinement)
 */
public record Training(Params<Tensor> params, List<Result> phases, List<Record> records, List<String> termNames, long nanos,
        List<Refinement.Round> rounds) {
    /** A training without refinement. */
    public Training(Params<Tensor> params, List<Result> phases, List<Record> records, List<String> termNames, long nanos) {
        this(params, phases, records, termNames, nanos, List.of());
    }

    /**
     * One measurement.
     *
     * @param step       the step
     * @param loss       the loss at that step
     * @param relativeL2 the relative L2 error on the test points (NaN without a known solution)
     * @param terms      every term's (unweighted) loss
     * @param nanos      wall time since training started
     */
    public record Record(long step, double loss, double relativeL2, double[] terms, long nanos) {
    }

    /** The last relative L2 error measured (NaN if none was). */
    public double lastRelativeL2() {
        return records.isEmpty() ? Double.NaN : records.get(records.size() - 1).relativeL2();
    }

    /** The trained value of a problem coefficient, e.g. {@code coefficient("alpha")}. */
    public Tensor coefficient(String name) {
        return params.sub("coef").get(name);
    }
}
