package descent.tensor;

/**
 * A kernel whose output elements can be computed range by range: output element i depends only on
 * element i of each operand of the output's size, and on operands of other sizes (that broadcast to
 * it, or that it slices), which it only reads. Compiled plans run chains of such kernels block by
 * block (see {@link Elementwise#chain}); an operand of another size is never the result of a step
 * of the same chain, so it is complete when any block reads it.
 */
public interface ElementwiseKernel extends Kernel {
    /**
     * Computes output elements [lo, hi) on the calling thread, leaving the others untouched.
     *
     * @param in  input buffers, one per operand, each holding exactly its operand's elements
     * @param out the output buffer
     */
    void run(double[][] in, double[] out, int lo, int hi);
}
