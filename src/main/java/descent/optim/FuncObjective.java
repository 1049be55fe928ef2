package descent.optim;

import descent.ad.AD;
import descent.ad.Func;
import descent.ad.Compiled;
import descent.tensor.ParamLayout;
import descent.tensor.Shape;
import descent.tensor.Tensor;

import java.util.HashMap;
import java.util.Map;

/**
 * A {@link Func} of parameter leaves and data as an {@link Objective}, or as a
 * {@link BatchObjective} whose data rows are gathered per batch. Leaves are copied out of the
 * flat vector into preallocated tensors, the compiled value-and-gradient plan runs into
 * preallocated outputs, and the gradients are copied back into the flat gradient.
 */
final class FuncObjective implements Objective {
    private final ParamLayout layout;
    private final Tensor[] data;
    private final Func valueAndGrad;
    private final int leaves;
    private Evaluator full;

    FuncObjective(Func f, ParamLayout layout, Tensor[] data) {
        this.layout = layout;
        this.data = data.clone();
        this.leaves = layout.leafCount();
        if (f.arity() != leaves + data.length) {
            throw new IllegalArgumentException("Objective.of: " + f.name() + " takes " + f.arity() + " arguments, but there are "
                    + leaves + " parameter leaves " + layout.paths() + " and " + data.length + " data tensors");
        }
        int[] wrt = new int[leaves];
        for (int i = 0; i < leaves; i++) {
            wrt[i] = i;
        }
        this.valueAndGrad = AD.valueAndGrad(f, wrt);
    }

    /** Buffers and the compiled plan for one set of data shapes. */
    private final class Evaluator {
        final Compiled plan;
        final Tensor[] inputs;
        final double[][] leafData;
        final double[][] dataBuffers;
        final double[][] outputs;

        Evaluator(Shape[] dataShapes) {
            Shape[] shapes = new Shape[leaves + dataShapes.length];
            inputs = new Tensor[shapes.length];
            leafData = new double[leaves][];
            for (int i = 0; i < leaves; i++) {
                shapes[i] = layout.shape(i);
                leafData[i] = new double[layout.size(i)];
                inputs[i] = Tensor.wrap(leafData[i], shapes[i]);
            }
            dataBuffers = new double[dataShapes.length][];
            for (int k = 0; k < dataShapes.length; k++) {
                shapes[leaves + k] = dataShapes[k];
                dataBuffers[k] = new double[dataShapes[k].size()];
                inputs[leaves + k] = Tensor.wrap(dataBuffers[k], dataShapes[k]);
            }
            plan = valueAndGrad.compile(shapes);
            Shape[] outs = plan.outputShapes();
            if (outs[0].size() != 1) {
                throw new IllegalArgumentException("Objective.of: the function must return a scalar, it returns shape " + outs[0]);
            }
            outputs = new double[outs.length][];
            for (int i = 0; i < outs.length; i++) {
                outputs[i] = new double[outs[i].size()];
            }
        }

        double run(double[] x, double[] grad) {
            for (int i = 0; i < leaves; i++) {
                System.arraycopy(x, layout.offset(i), leafData[i], 0, leafData[i].length);
            }
            plan.runInto(inputs, outputs);
            for (int i = 0; i < leaves; i++) {
                System.arraycopy(outputs[i + 1], 0, grad, layout.offset(i), outputs[i + 1].length);
            }
            return outputs[0][0];
        }
    }

    private void checkLength(double[] x, double[] grad) {
        if (x.length != layout.size() || grad.length != layout.size()) {
            throw new IllegalArgumentException("Objective: vectors of " + x.length + " and " + grad.length
                    + " elements for a layout of " + layout.size());
        }
    }

    @Override
    public double valueAndGrad(double[] x, double[] grad) {
        checkLength(x, grad);
        Evaluator e = full;
        if (e == null) {
            Shape[] shapes = new Shape[data.length];
            for (int k = 0; k < data.length; k++) {
                shapes[k] = data[k].shape();
            }
            e = full = new Evaluator(shapes);
            for (int k = 0; k < data.length; k++) {
                data[k].copyTo(e.dataBuffers[k]);
            }
        }
        return e.run(x, grad);
    }

    /** The same function evaluated on batches of rows of the data. */
    BatchObjective batched() {
        if (data.length == 0) {
            throw new IllegalArgumentException("BatchObjective.of: needs at least one data tensor with one row per example");
        }
        int n = data[0].shape().rank() == 0 ? -1 : data[0].shape().dim(0);
        for (Tensor d : data) {
            if (d.shape().rank() == 0 || d.shape().dim(0) != n) {
                StringBuilder shapes = new StringBuilder();
                for (Tensor t : data) {
                    shapes.append(shapes.length() > 0 ? ", " : "").append(t.shape());
                }
                throw new IllegalArgumentException("BatchObjective.of: every data tensor needs the same number of rows along "
                        + "axis 0 (one per example), got shapes " + shapes);
            }
        }
        double[][] rows = new double[data.length][];
        int[] rowSize = new int[data.length];
        for (int k = 0; k < data.length; k++) {
            rows[k] = data[k].contiguousData();
            rowSize[k] = n == 0 ? 0 : data[k].size() / n;
        }
        int examples = n;
        Map<Integer, Evaluator> bySize = new HashMap<>();
        return new BatchObjective() {
            private Evaluator last;

            @Override
            public int examples() {
                return examples;
            }

            @Override
            public double valueAndGrad(double[] x, int[] batch, double[] grad) {
                checkLength(x, grad);
                Evaluator e = last;
                if (e == null || e.dataBuffers[0].length != batch.length * rowSize[0]) {
                    e = bySize.computeIfAbsent(batch.length, b -> {
                        Shape[] shapes = new Shape[data.length];
                        for (int k = 0; k < data.length; k++) {
                            shapes[k] = data[k].shape().with(0, b);
                        }
                        return new Evaluator(shapes);
                    });
                    last = e;
                }
                for (int k = 0; k < data.length; k++) {
                    int size = rowSize[k];
                    double[] src = rows[k];
                    double[] dst = e.dataBuffers[k];
                    for (int j = 0; j < batch.length; j++) {
                        int row = batch[j];
                        if (row < 0 || row >= examples) {
                            throw new IndexOutOfBoundsException("BatchObjective: example " + row + " outside [0, " + examples + ")");
                        }
                        System.arraycopy(src, row * size, dst, j * size, size);
                    }
                }
                return e.run(x, grad);
            }
        };
    }
}
