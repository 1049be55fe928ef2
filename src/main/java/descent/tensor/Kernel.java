package descent.tensor;

/**
 * A computation prepared for fixed input shapes. It reads contiguous row-major inputs and writes
 * its contiguous row-major result into {@code out}, which it fully overwrites. Preparing once and
 * running many times is how compiled plans avoid per-step allocation; a kernel may hold scratch
 * space, so one instance must not run on two threads at once.
 */
@FunctionalInterface
public interface Kernel {
    /**
     * Runs the computation.
     *
     * @param in  input buffers, one per operand, each holding exactly its operand's elements
     * @param out the output buffer, overwritten
     */
    void run(double[][] in, double[] out);
}
