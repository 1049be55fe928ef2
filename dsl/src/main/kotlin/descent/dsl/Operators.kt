package descent.dsl

import descent.tensor.Value
import descent.tensor.Tensor

/** this + other */
operator fun Value.plus(other: Value): Value = add(other)
/** this + other */
operator fun Value.plus(other: Double): Value = add(other)
/** this + other */
operator fun Double.plus(other: Value): Value = other.add(this)
/** this - other */
operator fun Value.minus(other: Value): Value = sub(other)
/** this - other */
operator fun Value.minus(other: Double): Value = sub(other)
/** this - other */
operator fun Double.minus(other: Value): Value = other.rsub(this)
/** this * other (elementwise) */
operator fun Value.times(other: Value): Value = mul(other)
/** this * other */
operator fun Value.times(other: Double): Value = mul(other)
/** this * other */
operator fun Double.times(other: Value): Value = other.mul(this)
/** this / other (elementwise) */
operator fun Value.div(other: Value): Value = div(other)
/** this / other */
operator fun Value.div(other: Double): Value = div(other)
/** this / other */
operator fun Double.div(other: Value): Value = other.rdiv(this)
/** this + other, the tensor as a constant */
operator fun Value.plus(other: Tensor): Value = add(other)
/** this - other, the tensor as a constant */
operator fun Value.minus(other: Tensor): Value = sub(other)
/** this * other (elementwise), the tensor as a constant */
operator fun Value.times(other: Tensor): Value = mul(other)
/** this / other (elementwise), the tensor as a constant */
operator fun Value.div(other: Tensor): Value = div(other)
/** this + other, the tensor as a constant */
operator fun Tensor.plus(other: Value): Value = other.constant(this).add(other)
/** this - other, the tensor as a constant */
operator fun Tensor.minus(other: Value): Value = other.constant(this).sub(other)
/** this * other (elementwise), the tensor as a constant */
operator fun Tensor.times(other: Value): Value = other.constant(this).mul(other)
/** this / other (elementwise), the tensor as a constant */
operator fun Tensor.div(other: Value): Value = other.constant(this).div(other)
/** -this */
operator fun Value.unaryMinus(): Value = neg()
/** Matrix product (NumPy `@`). */
infix fun Value.matmul(other: Value): Value = this.matmul(other)
/** this ^ p */
infix fun Value.pow(p: Double): Value = this.pow(p)
/** this ^ p */
infix fun Value.pow(p: Int): Value = this.pow(p.toDouble())

/** this + other */
operator fun Tensor.plus(other: Tensor): Tensor = add(other)
/** this + other */
operator fun Tensor.plus(other: Double): Tensor = add(other)
/** this + other */
operator fun Double.plus(other: Tensor): Tensor = other.add(this)
/** this - other */
operator fun Tensor.minus(other: Tensor): Tensor = sub(other)
/** this - other */
operator fun Tensor.minus(other: Double): Tensor = sub(other)
/** this - other */
operator fun Double.minus(other: Tensor): Tensor = other.neg().add(this)
/** this * other (elementwise) */
operator fun Tensor.times(other: Tensor): Tensor = mul(other)
/** this * other */
operator fun Tensor.times(other: Double): Tensor = mul(other)
/** this * other */
operator fun Double.times(other: Tensor): Tensor = other.mul(this)
/** this / other (elementwise) */
operator fun Tensor.div(other: Tensor): Tensor = div(other)
/** this / other */
operator fun Tensor.div(other: Double): Tensor = div(other)
/** this / other (elementwise) */
operator fun Double.div(other: Tensor): Tensor = Tensor.scalar(this).div(other)
/** -this */
operator fun Tensor.unaryMinus(): Tensor = neg()
/** Element access, e.g. `t[1, 2]`. */
operator fun Tensor.get(vararg index: Int): Double = get(*index)
