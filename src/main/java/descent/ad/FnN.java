package descent.ad;

import descent.tensor.Value;

/** A function of any number of traced values, returning one or more values. */
@FunctionalInterface
public interface FnN {
    /** The function body, written with {@link Value} operations. */
    Value[] apply(Value... xs);
}
