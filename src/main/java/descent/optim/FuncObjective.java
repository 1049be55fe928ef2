package descent.optim;

import descent.ad.AD;
import descent.ad.Func;
import descent.tensor.ParamLayout;
import descent.tensor.Shape;
import descent.tensor.Tensor;

import java.util.HashMap;
import java.util.Map;

/**
 * A {@link Func} of parameter leaves and data as an {@link Objective} with Hessian-vector
 * products, or as a mini-batch objective whose data rows are gathered per batch. Leaves are
 * copied out of the flat vector into preallocated tensors, the compiled plans (value and
 * gradient by {@code AD.valueAndGrad}; Hessian-vector products by {@code AD.jvp(AD.grad(f))},
 * compiled on first use) run into preallocated outputs, and the results are copied back.
 */
final class FuncObjective implements HessianObjective {
    private final Func f;
    private final ParamLayout layout;
    private final Tensor[] data;
    private final int leaves;
    private final int[] wrt;
    private Plans full;

    FuncObjective(Func f, ParamLayout layout, Tensor[] data) {
        this.f = f;
        this.layout = layout;
        this.data = data.clone();
        this.leaves = layout.leafCount();
        if (f.arity() != leaves + data.length) {
            throw new IllegalArgumentException("Objective.of: " + f.name() + " takes " + f.arity() + " arguments, but there are "
                    + leaves + " parameter leaves " + layout.paths() + " and " + data.length + " data tensors");
        }
        wrt = new int[leaves];
        for (int i = 0; i < leaves; i++) {
            wrt[i] = i;
        }
    }

    /** The compiled plans for one set of data shapes; each plan has its own copy of the data. */
    private final class Plans {
        final Shape[] dataShapes;
        /** Whether the data buffers are filled once (full objective) or per batch. */
        final boolean fixedData;
        private FuncPlan valueAndGrad;
        private FuncPlan hvp;

        Plans(Shape[] dataShapes, boolean fixedData) {
            this.dataShapes = dataShapes;
            this.fixedData = fixedData;
        }

        FuncPlan valueAndGrad() {
            if (valueAndGrad == null) {
                valueAndGrad = new FuncPlan(AD.valueAndGrad(f, wrt), FuncPlan.shapes(layout, dataShapes, 1));
                if (valueAndGrad.out[0].length != 1) {
                    throw new IllegalArgumentException("Objective.of: the function must return a scalar, it returns shape "
                            + valueAndGrad.plan.outputShapes()[0]);
                }
                fill(valueAndGrad);
            }
            return valueAndGrad;
        }

        FuncPlan hvp() {
            if (hvp == null) {
                valueAndGrad();
                hvp = new FuncPlan(AD.jvp(AD.grad(f, wrt)), FuncPlan.shapes(layout, dataShapes, 2));
                fill(hvp);
            }
            return hvp;
        }

        private void fill(FuncPlan p) {
            if (fixedData) {
                for (int k = 0; k < data.length; k++) {
                    data[k].copyTo(p.in[leaves + k]);
                }
            }
        }
    }

    private void checkLength(String op, double[] x, double[] other) {
        if (x.length != layout.size() || other.length != layout.size()) {
            throw new IllegalArgumentException("Objective." + op + ": vectors of " + x.length + " and " + other.length
                    + " elements for a layout of " + layout.size());
        }
    }

    private Plans full() {
        Plans p = full;
        if (p == null) {
            Shape[] shapes = new Shape[data.length];
            for (int k = 0; k < data.length; k++) {
                shapes[k] = data[k].shape();
            }
            p = full = new Plans(shapes, true);
        }
        return p;
    }

    private static double valueAndGrad(FuncPlan p, ParamLayout layout, double[] x, double[] grad) {
        p.scatter(layout, x, 0);
        p.run();
        p.gather(layout, 1, grad);
        return p.out[0][0];
    }

    private void hvp(FuncPlan p, double[] x, double[] v, double[] out) {
        p.scatter(layout, x, 0);
        p.scatter(layout, v, leaves + data.length);
        p.run();
        p.gather(layout, leaves, out);
    }

    @Override
    public double valueAndGrad(double[] x, double[] grad) {
        checkLength("valueAndGrad", x, grad);
        return valueAndGrad(full().valueAndGrad(), layout, x, grad);
    }

    @Override
    public void hvp(double[] x, double[] v, double[] out) {
        checkLength("hvp", x, v);
        checkLength("hvp", x, out);
        hvp(full().hvp(), x, v, out);
    }

    /** The same function evaluated on batches of rows of the data. */
    BatchHessianObjective batched() {
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
        Map<Integer, Plans> bySize = new HashMap<>();
        return new BatchHessianObjective() {
            private Plans last;

            @Override
            public int examples() {
                return examples;
            }

            private Plans plans(int size) {
                Plans p = last;
                if (p == null || p.dataShapes[0].dim(0) != size) {
                    p = bySize.computeIfAbsent(size, b -> {
                        Shape[] shapes = new Shape[data.length];
                        for (int k = 0; k < data.length; k++) {
                            shapes[k] = data[k].shape().with(0, b);
                        }
                        return new Plans(shapes, false);
                    });
                    last = p;
                }
                return p;
            }

            private void gatherRows(FuncPlan p, int[] batch) {
                for (int k = 0; k < data.length; k++) {
                    int size = rowSize[k];
                    double[] src = rows[k];
                    double[] dst = p.in[leaves + k];
                    for (int j = 0; j < batch.length; j++) {
                        int row = batch[j];
                        if (row < 0 || row >= examples) {
                            throw new IndexOutOfBoundsException("BatchObjective: example " + row + " outside [0, " + examples + ")");
                        }
                        System.arraycopy(src, row * size, dst, j * size, size);
                    }
                }
            }

            @Override
            public double valueAndGrad(double[] x, int[] batch, double[] grad) {
                checkLength("valueAndGrad", x, grad);
                FuncPlan p = plans(batch.length).valueAndGrad();
                gatherRows(p, batch);
                return FuncObjective.valueAndGrad(p, layout, x, grad);
            }

            @Override
            public void hvp(double[] x, int[] batch, double[] v, double[] out) {
                checkLength("hvp", x, v);
                checkLength("hvp", x, out);
                FuncPlan p = plans(batch.length).hvp();
                gatherRows(p, batch);
                FuncObjective.this.hvp(p, x, v, out);
            }
        };
    }
}
