package descent.ad;

import descent.tensor.Params;
import descent.tensor.Value;

/**
 * A function of a parameter tree and data values, e.g. a loss
 * {@code (p, d) -> p.get("w").matmul(d[0]).sub(d[1]).square().mean()}.
 */
@FunctionalInterface
public interface ParamsFn {
    /** The function body, written with {@link Value} operations. */
    Value apply(Params<Value> p, Value... data);
}
