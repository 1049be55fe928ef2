package descent.finitesum;

import descent.ad.AD;
import descent.ad.Compiled;
import descent.ad.Func;
import descent.tensor.Shape;
import descent.tensor.Tensor;

import java.util.HashMap;
import java.util.Map;

/** Per-term values and gradients of a traced term, batched over data rows by {@code vmap(valueAndGrad(term))}. */
final class FuncFiniteSum implements FiniteSum {
    private final int dimension;
    private final int terms;
    private final Tensor[] data;
    private final double[][] rows;
    private final int[] rowSizes;
    private final Func batched;
    private final Map<Integer, Compiled> plans = new HashMap<>();
    private final double[][] inputs;
    private final int[] offsets;
    private final double[][] gathered;
    private final double[][] results = new double[2][];
    private final int[] resultOffsets = new int[2];
    private double[] values = new double[1];

    FuncFiniteSum(Func term, int dimension, Tensor[] data) {
        if (term == null || data == null || data.length == 0) {
            throw new IllegalArgumentException("FiniteSum.of: a term and at least one data tensor are required");
        }
        if (term.flatArity() != 1 + data.length) {
            throw new IllegalArgumentException("FiniteSum.of: the term takes " + term.flatArity() + " flat arguments, but x and "
                    + data.length + " data tensor(s) make " + (1 + data.length));
        }
        if (dimension < 1) {
            throw new IllegalArgumentException("FiniteSum.of: dimension must be >= 1, got " + dimension);
        }
        this.dimension = dimension;
        this.terms = data[0].shape().rank() == 0 ? 0 : data[0].shape().dims()[0];
        this.data = data.clone();
        this.rows = new double[data.length][];
        this.rowSizes = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            int[] dims = data[i].shape().dims();
            if (dims.length == 0 || dims[0] != terms) {
                throw new IllegalArgumentException("FiniteSum.of: data tensor " + i + " has shape " + data[i].shape() + ", but data tensor 0 has "
                        + terms + " rows (one per term along the first axis)");
            }
            rows[i] = data[i].toArray();
            rowSizes[i] = data[i].size() / terms;
        }
        int[] axes = new int[1 + data.length];
        axes[0] = AD.NOT_BATCHED;
        this.batched = AD.vmap(AD.valueAndGrad(term, 0), axes, null);
        this.inputs = new double[1 + data.length][];
        this.offsets = new int[1 + data.length];
        this.gathered = new double[data.length][];
        Shape[] out = plans.computeIfAbsent(1, this::compile).outputShapes();
        if (out[0].size() != 1 || out[1].size() != dimension) {
            throw new IllegalArgumentException("FiniteSum.of: a term must return a scalar with a gradient of " + dimension
                    + " elements, got value shape " + out[0] + " and gradient shape " + out[1]);
        }
    }

    @Override
    public int terms() {
        return terms;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /**
     * Runs the plan compiled for {@code count} terms on the rows, read in place when one term is
     * asked for (the common case of SAGA, SARAH and SGD) and gathered into a reused buffer otherwise:
     * no tensor is made and nothing is allocated once the plan for that count exists.
     */
    @Override
    public synchronized double termGradients(double[] x, int[] indices, int count, double[] grads) {
        if (x.length != dimension) {
            throw new IllegalArgumentException("FiniteSum: x has " + x.length + " elements, the parameters " + dimension);
        }
        Compiled plan = plans.computeIfAbsent(count, this::compile);
        inputs[0] = x;
        offsets[0] = 0;
        for (int i = 0; i < data.length; i++) {
            int s = rowSizes[i];
            if (count == 1) {
                inputs[1 + i] = rows[i];
                offsets[1 + i] = indices[0] * s;
            } else {
                double[] b = gathered[i];
                if (b == null || b.length < count * s) {
                    b = new double[count * s];
                    gathered[i] = b;
                }
                for (int k = 0; k < count; k++) {
                    System.arraycopy(rows[i], indices[k] * s, b, k * s, s);
                }
                inputs[1 + i] = b;
                offsets[1 + i] = 0;
            }
        }
        if (values.length < count) {
            values = new double[count];
        }
        results[0] = values;
        results[1] = grads;
        plan.runInto(inputs, offsets, results, resultOffsets);
        double s = 0;
        for (int k = 0; k < count; k++) {
            s += values[k];
        }
        return s;
    }

    private Compiled compile(int count) {
        Shape[] shapes = new Shape[1 + data.length];
        shapes[0] = Shape.of(dimension);
        for (int i = 0; i < data.length; i++) {
            int[] dims = data[i].shape().dims().clone();
            dims[0] = count;
            shapes[1 + i] = Shape.of(dims);
        }
        return batched.compile(shapes);
    }
}
