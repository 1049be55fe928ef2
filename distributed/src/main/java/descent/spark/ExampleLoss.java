package descent.spark;

import descent.tensor.Value;

import java.io.Serializable;

/**
 * The loss of a block of examples, written with Descent's traced operations: given the parameter
 * vector {@code w} (shape {@code [n]}) and a block of example rows (shape {@code [b, width]}), it
 * returns the scalar {@code sum_i loss(w, row_i)} over the block's rows. It is shipped to the
 * executors, so it must be serializable (a lambda assigned to this type is); each executor JVM
 * traces and compiles it once per block shape.
 *
 * <pre>{@code
 * ExampleLoss logistic = (w, rows) -> {
 *     Value x = rows.slice(1, 0, d), y = rows.slice(1, d, d + 1).reshape(-1);
 *     return x.matmul(w).mul(y).neg().softplus().sum();   // labels y in {-1, +1}
 * };
 * }</pre>
 */
@FunctionalInterface
public interface ExampleLoss extends Serializable {
    /** The summed loss of the rows {@code rows} ({@code [b, width]}) at the parameters {@code w} ({@code [n]}). */
    Value apply(Value w, Value rows);
}
