package descent.ad;

import descent.tensor.Value;

/** A function of two traced values, e.g. {@code (x, y) -> x.mul(y).sum()}. */
@FunctionalInterface
public interface Fn2 {
    /** The function body, written with {@link Value} operations. */
    Value apply(Value x, Value y);
}
