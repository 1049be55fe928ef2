package descent.ad;

import descent.tensor.Shape;
import descent.tensor.Tensor;

/**
 * A function compiled for fixed argument shapes: its operations in order, each bound to a prepared
 * kernel and to preallocated buffers reused by liveness (a buffer whose last reader has run is
 * recycled; elementwise results overwrite a dying operand; reshapes alias). Running it again
 * allocates only the returned tensors, and nothing with {@link #runInto}. Safe to run from several
 * threads at once. Unlike {@link Func#call}, running a compiled plan does not check whether the
 * tensors the function captured have changed: it is the function as it was when compiled.
 */
public final class Compiled {
    private final PlanCache.Entry entry;
    private final String name;

    Compiled(PlanCache.Entry entry, String name) {
        this.entry = entry;
        this.name = name;
    }

    /** Shapes the (flat) arguments must have. */
    public Shape[] inputShapes() {
        return entry.primary().inputShapes();
    }

    /** Shapes of the results. */
    public Shape[] outputShapes() {
        return entry.primary().outputShapes();
    }

    /** Number of kernel invocations per run. */
    public int steps() {
        return entry.primary().steps();
    }

    /** Elements of working memory the plan owns (inputs, intermediates and constants). */
    public long bufferElements() {
        return entry.primary().bufferElements();
    }

    /** Runs the plan and returns new tensors holding the results. */
    public Tensor[] run(Tensor... inputs) {
        return entry.run(inputs);
    }

    /** Runs the plan, writing result i into {@code outputs[i]} (which must hold its elements). */
    public void runInto(Tensor[] inputs, double[][] outputs) {
        entry.runInto(inputs, outputs);
    }

    /**
     * Runs the plan with (flat) input i read from {@code inputs[i]} starting at
     * {@code inputOffsets[i]} and result i written into {@code outputs[i]} at
     * {@code outputOffsets[i]}, row-major: inputs and results can be segments of flat parameter and
     * gradient vectors, with no copies beyond the plan's own.
     */
    public void runInto(double[][] inputs, int[] inputOffsets, double[][] outputs, int[] outputOffsets) {
        entry.runInto(inputs, inputOffsets, outputs, outputOffsets);
    }

    /**
     * Runs the plan {@code runs} times and reports where the time goes: total time per primitive,
     * largest first, as a table with each primitive's share.
     */
    public String profile(Tensor[] inputs, int runs) {
        return entry.primary().profile(inputs, runs);
    }

    /** The graph the plan computes, one line per operation. */
    public String listing() {
        return entry.graph().toString();
    }

    @Override
    public String toString() {
        return "Compiled " + name + " (" + steps() + " steps, " + bufferElements() + " buffer elements)";
    }
}
