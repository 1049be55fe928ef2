package descent.spark;

import descent.ad.AD;
import descent.ad.Compiled;
import descent.pinn.Pinn;
import descent.tensor.Key;
import descent.tensor.ParamLayout;
import descent.tensor.Shape;
import descent.tensor.Tensor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One partition of a {@link SparkPinn} on an executor: its collocation points, drawn from the
 * partition's key, and the compiled plan of the loss's value and gradient, both kept for the
 * life of the JVM (one {@link Pinn} per objective and JVM).
 */
final class PinnWorker {
    private static final Map<String, Pinn> PINNS = new ConcurrentHashMap<>();
    private static final Map<String, PinnWorker> WORKERS = new ConcurrentHashMap<>();

    private final Compiled plan;
    private final double[][] inputs;
    private final int[] inputOffsets;
    private final double[][] outputs;
    private final int[] outputOffsets;
    private final double[] value = new double[1];
    private final int n;

    private PinnWorker(Pinn pinn, ParamLayout layout, Tensor[] points, Key key) {
        int leaves = layout.leafCount();
        n = layout.size();
        Shape[] shapes = new Shape[leaves + points.length + 1];
        inputs = new double[shapes.length][];
        inputOffsets = new int[shapes.length];
        for (int i = 0; i < leaves; i++) {
            shapes[i] = layout.shape(i);
            inputOffsets[i] = layout.offset(i);
        }
        for (int t = 0; t < points.length; t++) {
            shapes[leaves + t] = points[t].shape();
            inputs[leaves + t] = points[t].contiguousData();
        }
        shapes[shapes.length - 1] = Shape.of(2);
        inputs[shapes.length - 1] = key.toTensor().contiguousData();
        plan = AD.valueAndGrad(pinn.loss(), 0).compile(shapes);
        outputs = new double[leaves + 1][];
        outputOffsets = new int[leaves + 1];
        outputs[0] = value;
        for (int i = 0; i < leaves; i++) {
            outputOffsets[i + 1] = layout.offset(i);
        }
    }

    /** The worker of {@code partition} of the objective {@code id} in this JVM. */
    static PinnWorker of(String id, PinnSource source, long seed, int partition) {
        return WORKERS.computeIfAbsent(id + "/" + partition, k -> {
            Pinn pinn = PINNS.computeIfAbsent(id, i -> source.build());
            ParamLayout layout = SparkPinn.layout(pinn);
            return new PinnWorker(pinn, layout, pinn.points(SparkPinn.pointsKey(seed, partition)), SparkPinn.estimatorKey(seed, partition));
        });
    }

    /** The loss on this partition's points at {@code x} (element 0) and its gradient (elements 1..n), scaled by {@code scale}. */
    synchronized double[] valueAndGrad(double[] x, double scale) {
        double[] grad = new double[n];
        for (int i = 0; i < outputs.length - 1; i++) {
            inputs[i] = x;
        }
        for (int i = 1; i < outputs.length; i++) {
            outputs[i] = grad;
        }
        plan.runInto(inputs, inputOffsets, outputs, outputOffsets);
        double[] out = new double[n + 1];
        out[0] = scale * value[0];
        for (int i = 0; i < n; i++) {
            out[i + 1] = scale * grad[i];
        }
        return out;
    }

    /** Forgets the workers of objective {@code id}. */
    static void clear(String id) {
        PINNS.remove(id);
        WORKERS.keySet().removeIf(k -> k.startsWith(id + "/"));
    }
}
