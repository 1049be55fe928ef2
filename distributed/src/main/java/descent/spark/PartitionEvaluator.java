package descent.spark;

import descent.ad.Fn2;
import descent.ad.Func;
import descent.optim.BatchHessianObjective;
import descent.tensor.ParamLayout;
import descent.tensor.Params;
import descent.tensor.Shape;
import descent.tensor.Tensor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Evaluates an {@link ExampleLoss} on one cached {@link Block}, on the executor that holds it.
 * The block is cut into chunks of at most {@code chunk} rows, each chunk runs through the loss's
 * compiled plan, and chunk results are summed with compensation. The traced function is shared by
 * every block of an objective in this JVM, and each block keeps its evaluator (plans and buffers)
 * as long as Spark keeps the block, so after the first evaluation a task allocates little.
 */
final class PartitionEvaluator {
    /** Traced functions kept per JVM, for this many objectives at most (least recently used out). */
    private static final int OBJECTIVES = 16;
    /** One traced function per objective and JVM: its plans are compiled once per chunk shape. */
    private static final Map<String, Func> FUNCS = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Func> eldest) {
            return size() > OBJECTIVES;
        }
    });
    /** One evaluator per cached block; a block Spark recomputes gets a new one. */
    private static final Map<Block, PartitionEvaluator> EVALUATORS = Collections.synchronizedMap(new WeakHashMap<>());

    private final int partition;
    private final int rows;
    private final int n;
    private final int chunk;
    private final BatchHessianObjective objective;
    private final double[] grad;

    private PartitionEvaluator(String id, ExampleLoss loss, Block b, int n, int chunk) {
        this.partition = b.partition;
        this.rows = b.rows;
        this.n = n;
        this.chunk = chunk;
        Func f = FUNCS.computeIfAbsent(id, k -> Func.of((Fn2) loss::apply));
        ParamLayout layout = ParamLayout.ofShapes(Params.of(Shape.class, "w", Shape.of(n)));
        this.objective = rows == 0 ? null : BatchHessianObjective.of(f, layout, Tensor.wrap(b.data, b.rows, b.width));
        this.grad = new double[n];
    }

    /** The evaluator of {@code b} in this JVM, created on first use. */
    static PartitionEvaluator of(String id, ExampleLoss loss, Block b, int n, int chunk) {
        synchronized (EVALUATORS) {
            return EVALUATORS.computeIfAbsent(b, k -> new PartitionEvaluator(id, loss, b, n, chunk));
        }
    }

    /** Value (element 0) and gradient (elements 1..n) of the block's loss at {@code w}, scaled by {@code scale}. */
    synchronized Compensated valueAndGrad(double[] w, double scale) {
        Compensated acc = new Compensated(n + 1);
        double[] withValue = new double[n + 1];
        for (int start = 0; start < rows; start += chunk) {
            int[] batch = range(start, Math.min(rows, start + chunk));
            chunkValueAndGrad(w, batch, withValue);
            acc.addScaled(scale, withValue, partition);
        }
        return acc;
    }

    /** As {@link #valueAndGrad} on the block's rows {@code local} only (local indices, repeats allowed). */
    synchronized Compensated valueAndGrad(double[] w, int[] local, double scale) {
        Compensated acc = new Compensated(n + 1);
        double[] withValue = new double[n + 1];
        for (int start = 0; start < local.length; start += chunk) {
            int[] batch = java.util.Arrays.copyOfRange(local, start, Math.min(local.length, start + chunk));
            chunkValueAndGrad(w, batch, withValue);
            acc.addScaled(scale, withValue, partition);
        }
        return acc;
    }

    /** The block's Hessian of the loss at {@code w} times {@code v}, scaled by {@code scale}. */
    synchronized Compensated hvp(double[] w, double[] v, double scale) {
        Compensated acc = new Compensated(n);
        double[] out = new double[n];
        for (int start = 0; start < rows; start += chunk) {
            objective.hvp(w, range(start, Math.min(rows, start + chunk)), v, out);
            acc.addScaled(scale, out, partition);
        }
        return acc;
    }

    private void chunkValueAndGrad(double[] w, int[] batch, double[] withValue) {
        withValue[0] = objective.valueAndGrad(w, batch, grad);
        System.arraycopy(grad, 0, withValue, 1, n);
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
