package descent.optim;

import descent.ad.Compiled;
import descent.ad.Func;
import descent.tensor.ParamLayout;
import descent.tensor.Shape;
import descent.tensor.Tensor;

/**
 * A {@link Func} compiled for fixed argument shapes with preallocated argument and result
 * buffers, so that evaluations from flat vectors allocate nothing: parameter leaves (and tangents
 * shaped like them) are copied in from flat vectors, results copied out.
 */
final class FuncPlan {
    final Compiled plan;
    final Tensor[] inputs;
    final double[][] in;
    final double[][] out;

    FuncPlan(Func f, Shape[] shapes) {
        plan = f.compile(shapes);
        inputs = new Tensor[shapes.length];
        in = new double[shapes.length][];
        for (int i = 0; i < shapes.length; i++) {
            in[i] = new double[shapes[i].size()];
            inputs[i] = Tensor.wrap(in[i], shapes[i]);
        }
        Shape[] outs = plan.outputShapes();
        out = new double[outs.length][];
        for (int i = 0; i < outs.length; i++) {
            out[i] = new double[outs[i].size()];
        }
    }

    /** The argument shapes: the leaves of {@code layout}, the data shapes, then {@code tangentCopies} more copies of both. */
    static Shape[] shapes(ParamLayout layout, Shape[] data, int copies) {
        int leaves = layout.leafCount();
        int block = leaves + data.length;
        Shape[] s = new Shape[block * copies];
        for (int c = 0; c < copies; c++) {
            for (int i = 0; i < leaves; i++) {
                s[c * block + i] = layout.shape(i);
            }
            System.arraycopy(data, 0, s, c * block + leaves, data.length);
        }
        return s;
    }

    /** Copies the flat vector {@code x} into the leaf arguments starting at argument {@code first}. */
    void scatter(ParamLayout layout, double[] x, int first) {
        for (int i = 0; i < layout.leafCount(); i++) {
            System.arraycopy(x, layout.offset(i), in[first + i], 0, layout.size(i));
        }
    }

    /** Copies the results {@code [first, first + leaves)} into the flat vector {@code x}. */
    void gather(ParamLayout layout, int first, double[] x) {
        for (int i = 0; i < layout.leafCount(); i++) {
            System.arraycopy(out[first + i], 0, x, layout.offset(i), layout.size(i));
        }
    }

    void run() {
        plan.runInto(inputs, out);
    }
}
