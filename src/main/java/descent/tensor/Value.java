package descent.tensor;

import java.util.Arrays;

/**
 * A tensor-valued variable in a function being traced: write a function over {@code Value}s with
 * the operations of {@link Ops} (the same vocabulary as {@link Tensor}), and Descent records each
 * operation as a primitive application that it can evaluate, differentiate in forward, reverse and
 * Taylor mode, batch, and compile. A value exists only while its function is being traced;
 * evaluate the function ({@code Func.call}) to get tensors.
 *
 * <p>Tensors mix in as constants: {@code x.mul(t)} multiplies by the tensor {@code t}, whose
 * elements at the time of tracing become part of the traced function. Data that changes from call
 * to call (a mini-batch, a random key) belongs in the arguments instead.
 *
 * <p>Values are created only by Descent's tracing; other implementations of this interface are not
 * supported.
 */
public interface Value extends Ops<Value> {

    /** this + b, with the tensor {@code b} as a constant */
    default Value add(Tensor b) { return add(constant(b)); }
    /** this - b, with the tensor {@code b} as a constant */
    default Value sub(Tensor b) { return sub(constant(b)); }
    /** this * b, with the tensor {@code b} as a constant */
    default Value mul(Tensor b) { return mul(constant(b)); }
    /** this / b, with the tensor {@code b} as a constant */
    default Value div(Tensor b) { return div(constant(b)); }
    /** this ^ b, with the tensor {@code b} as a constant exponent */
    default Value pow(Tensor b) { return pow(constant(b)); }
    /** elementwise max(this, b), with the tensor {@code b} as a constant */
    default Value maximum(Tensor b) { return maximum(constant(b)); }
    /** elementwise min(this, b), with the tensor {@code b} as a constant */
    default Value minimum(Tensor b) { return minimum(constant(b)); }
    /** Matrix product with a constant tensor. */
    default Value matmul(Tensor b) { return matmul(constant(b)); }
    /** {@link #gather} with constant indices. */
    default Value gather(int axis, Tensor indices) { return gather(axis, constant(indices)); }

    /** True if this value is a constant known while tracing. */
    boolean isConstant();

    /** The constant's tensor, or null if this value is not a constant. */
    Tensor constantValue();

    /** Elementwise {@code cond != 0 ? a : b}, broadcasting all three; the derivative flows to the selected branch. */
    static Value where(Value cond, Value a, Value b) {
        return cond.where(a, b);
    }

    /** Joins values along an existing axis. */
    static Value concat(int axis, Value... parts) {
        return Ops.concatAll(axis, Arrays.asList(parts));
    }

    /** Joins values of equal shape along a new axis. */
    static Value stack(int axis, Value... parts) {
        return Ops.stackAll(axis, Arrays.asList(parts));
    }
}
