package descent.ad;

import descent.tensor.Value;

/** A function of one traced value, e.g. {@code x -> x.sin().mul(x).sum()}. */
@FunctionalInterface
public interface Fn {
    /** The function body, written with {@link Value} operations. */
    Value apply(Value x);
}
