package descent.spark;

import java.io.Serializable;

/** What a task ships to evaluate a {@link SparkObjective}'s blocks: the loss, its sizes and the scale {@code s}. */
final class Evaluation implements Serializable {
    private static final long serialVersionUID = 1L;

    final String id;
    final ExampleLoss loss;
    final int n;
    final int chunk;
    final double scale;
    final long examples;

    Evaluation(String id, ExampleLoss loss, int n, int chunk, double scale, long examples) {
        this.id = id;
        this.loss = loss;
        this.n = n;
        this.chunk = chunk;
        this.scale = scale;
        this.examples = examples;
    }

    /** The evaluator of block {@code b} in this JVM. */
    PartitionEvaluator on(Block b) {
        return PartitionEvaluator.of(id, loss, b, n, chunk);
    }
}
