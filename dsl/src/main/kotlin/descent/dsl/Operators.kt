package descent.dsl

import descent.tensor.Tensor
import descent.tensor.Value

// Arithmetic between traced values, data tensors and numbers of any type, in either order. A
// tensor meeting a traced value becomes a constant of the trace; a number is a scalar broadcast to
// the other operand's shape. `x / y`, `x / 2.0` and `x / t` for a Value x are Descent's own `div`
// methods, which Kotlin calls as operators.

/** this + other */
operator fun Value.plus(other: Value): Value = add(other)
/** this + other */
operator fun Value.plus(other: Tensor): Value = add(other)
/** this + other */
operator fun Value.plus(other: Number): Value = add(other.toDouble())
/** this + other */
operator fun Tensor.plus(other: Value): Value = other.constant(this).add(other)
/** this + other */
operator fun Number.plus(other: Value): Value = other.add(toDouble())
/** this + other */
operator fun Tensor.plus(other: Tensor): Tensor = add(other)
/** this + other */
operator fun Tensor.plus(other: Number): Tensor = add(other.toDouble())
/** this + other */
operator fun Number.plus(other: Tensor): Tensor = other.add(toDouble())

/** this - other */
operator fun Value.minus(other: Value): Value = sub(other)
/** this - other */
operator fun Value.minus(other: Tensor): Value = sub(other)
/** this - other */
operator fun Value.minus(other: Number): Value = sub(other.toDouble())
/** this - other */
operator fun Tensor.minus(other: Value): Value = other.constant(this).sub(other)
/** this - other */
operator fun Number.minus(other: Value): Value = other.rsub(toDouble())
/** this - other */
operator fun Tensor.minus(other: Tensor): Tensor = sub(other)
/** this - other */
operator fun Tensor.minus(other: Number): Tensor = sub(other.toDouble())
/** this - other */
operator fun Number.minus(other: Tensor): Tensor = other.rsub(toDouble())

/** this * other, elementwise */
operator fun Value.times(other: Value): Value = mul(other)
/** this * other, elementwise */
operator fun Value.times(other: Tensor): Value = mul(other)
/** this * other */
operator fun Value.times(other: Number): Value = mul(other.toDouble())
/** this * other, elementwise */
operator fun Tensor.times(other: Value): Value = other.constant(this).mul(other)
/** this * other */
operator fun Number.times(other: Value): Value = other.mul(toDouble())
/** this * other, elementwise */
operator fun Tensor.times(other: Tensor): Tensor = mul(other)
/** this * other */
operator fun Tensor.times(other: Number): Tensor = mul(other.toDouble())
/** this * other */
operator fun Number.times(other: Tensor): Tensor = other.mul(toDouble())

/** this / other */
operator fun Value.div(other: Number): Value = div(other.toDouble())
/** this / other, elementwise */
operator fun Tensor.div(other: Value): Value = other.constant(this).div(other)
/** this / other */
operator fun Number.div(other: Value): Value = other.rdiv(toDouble())
/** this / other */
operator fun Tensor.div(other: Number): Tensor = div(other.toDouble())
/** this / other */
operator fun Number.div(other: Tensor): Tensor = other.rdiv(toDouble())

/** -this */
operator fun Value.unaryMinus(): Value = neg()
/** -this */
operator fun Tensor.unaryMinus(): Tensor = neg()
/** this */
operator fun Value.unaryPlus(): Value = this
/** this */
operator fun Tensor.unaryPlus(): Tensor = this

// Powers. `x pow 3`, `x pow 0.5`, `x pow y`, `2 pow x`.

/** this ^ p, elementwise */
infix fun Value.pow(p: Number): Value = pow(p.toDouble())
/** this ^ p, elementwise */
infix fun Value.pow(p: Value): Value = pow(p)
/** this ^ p, elementwise */
infix fun Value.pow(p: Tensor): Value = pow(p)
/** this ^ p, elementwise */
infix fun Tensor.pow(p: Number): Tensor = pow(p.toDouble())
/** this ^ p, elementwise */
infix fun Tensor.pow(p: Tensor): Tensor = pow(p)
/** this ^ p, elementwise */
infix fun Tensor.pow(p: Value): Value = p.constant(this).pow(p)
/** base ^ p, elementwise */
infix fun Number.pow(p: Value): Value = p.constant(toDouble()).pow(p)
/** base ^ p, elementwise */
infix fun Number.pow(p: Tensor): Tensor = p.constant(toDouble()).pow(p)

// Products. Each is also a function: `matmul(a, b)`, `dot(a, b)`.

/** Matrix product with NumPy's rules for vectors and batches (`a @ b`). */
infix fun Value.matmul(other: Value): Value = matmul(other)
/** Matrix product with NumPy's rules for vectors and batches (`a @ b`). */
infix fun Value.matmul(other: Tensor): Value = matmul(other)
/** Matrix product with NumPy's rules for vectors and batches (`a @ b`). */
infix fun Tensor.matmul(other: Value): Value = other.constant(this).matmul(other)
/** Matrix product with NumPy's rules for vectors and batches (`a @ b`). */
infix fun Tensor.matmul(other: Tensor): Tensor = matmul(other)
/** Inner product of two vectors, a scalar. */
infix fun Value.dot(other: Value): Value = dot(other)
/** Inner product of two vectors, a scalar. */
infix fun Value.dot(other: Tensor): Value = dot(constant(other))
/** Inner product of two vectors, a scalar. */
infix fun Tensor.dot(other: Value): Value = other.constant(this).dot(other)
/** Inner product of two vectors, a scalar. */
infix fun Tensor.dot(other: Tensor): Tensor = dot(other)
