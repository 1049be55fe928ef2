package descent.dsl

import descent.tensor.Ops
import descent.tensor.Tensor
import descent.tensor.Value

// Elementwise comparisons give masks of 0 and 1 (derivative 0), for `where` and for counting:
// `where(x gt 0, x, 0)`, `sum(x lt y)`. Kotlin's `<` must return a Boolean, so they are infix words.

/** 1 where this < other, else 0 */
infix fun Value.lt(other: Value): Value = lt(other)
/** 1 where this < other, else 0 */
infix fun Value.lt(other: Tensor): Value = lt(constant(other))
/** 1 where this < other, else 0 */
infix fun Value.lt(other: Number): Value = lt(other.toDouble())
/** 1 where this < other, else 0 */
infix fun Tensor.lt(other: Value): Value = other.constant(this).lt(other)
/** 1 where this < other, else 0 */
infix fun Tensor.lt(other: Tensor): Tensor = lt(other)
/** 1 where this < other, else 0 */
infix fun Tensor.lt(other: Number): Tensor = lt(other.toDouble())
/** 1 where this < other, else 0 */
infix fun Number.lt(other: Value): Value = other.gt(toDouble())
/** 1 where this < other, else 0 */
infix fun Number.lt(other: Tensor): Tensor = other.gt(toDouble())

/** 1 where this <= other, else 0 */
infix fun Value.le(other: Value): Value = le(other)
/** 1 where this <= other, else 0 */
infix fun Value.le(other: Tensor): Value = le(constant(other))
/** 1 where this <= other, else 0 */
infix fun Value.le(other: Number): Value = le(other.toDouble())
/** 1 where this <= other, else 0 */
infix fun Tensor.le(other: Value): Value = other.constant(this).le(other)
/** 1 where this <= other, else 0 */
infix fun Tensor.le(other: Tensor): Tensor = le(other)
/** 1 where this <= other, else 0 */
infix fun Tensor.le(other: Number): Tensor = le(other.toDouble())
/** 1 where this <= other, else 0 */
infix fun Number.le(other: Value): Value = other.ge(toDouble())
/** 1 where this <= other, else 0 */
infix fun Number.le(other: Tensor): Tensor = other.ge(toDouble())

/** 1 where this > other, else 0 */
infix fun Value.gt(other: Value): Value = gt(other)
/** 1 where this > other, else 0 */
infix fun Value.gt(other: Tensor): Value = gt(constant(other))
/** 1 where this > other, else 0 */
infix fun Value.gt(other: Number): Value = gt(other.toDouble())
/** 1 where this > other, else 0 */
infix fun Tensor.gt(other: Value): Value = other.constant(this).gt(other)
/** 1 where this > other, else 0 */
infix fun Tensor.gt(other: Tensor): Tensor = gt(other)
/** 1 where this > other, else 0 */
infix fun Tensor.gt(other: Number): Tensor = gt(other.toDouble())
/** 1 where this > other, else 0 */
infix fun Number.gt(other: Value): Value = other.lt(toDouble())
/** 1 where this > other, else 0 */
infix fun Number.gt(other: Tensor): Tensor = other.lt(toDouble())

/** 1 where this >= other, else 0 */
infix fun Value.ge(other: Value): Value = ge(other)
/** 1 where this >= other, else 0 */
infix fun Value.ge(other: Tensor): Value = ge(constant(other))
/** 1 where this >= other, else 0 */
infix fun Value.ge(other: Number): Value = ge(other.toDouble())
/** 1 where this >= other, else 0 */
infix fun Tensor.ge(other: Value): Value = other.constant(this).ge(other)
/** 1 where this >= other, else 0 */
infix fun Tensor.ge(other: Tensor): Tensor = ge(other)
/** 1 where this >= other, else 0 */
infix fun Tensor.ge(other: Number): Tensor = ge(other.toDouble())
/** 1 where this >= other, else 0 */
infix fun Number.ge(other: Value): Value = other.le(toDouble())
/** 1 where this >= other, else 0 */
infix fun Number.ge(other: Tensor): Tensor = other.le(toDouble())

/** 1 where this == other, else 0 */
infix fun Value.eq(other: Value): Value = eq(other)
/** 1 where this == other, else 0 */
infix fun Value.eq(other: Tensor): Value = eq(constant(other))
/** 1 where this == other, else 0 */
infix fun Value.eq(other: Number): Value = eq(other.toDouble())
/** 1 where this == other, else 0 */
infix fun Tensor.eq(other: Value): Value = other.constant(this).eq(other)
/** 1 where this == other, else 0 */
infix fun Tensor.eq(other: Tensor): Tensor = eq(other)
/** 1 where this == other, else 0 */
infix fun Tensor.eq(other: Number): Tensor = eq(other.toDouble())

/** 1 where this != other, else 0 */
infix fun Value.ne(other: Value): Value = ne(other)
/** 1 where this != other, else 0 */
infix fun Value.ne(other: Tensor): Value = ne(constant(other))
/** 1 where this != other, else 0 */
infix fun Value.ne(other: Number): Value = ne(other.toDouble())
/** 1 where this != other, else 0 */
infix fun Tensor.ne(other: Value): Value = other.constant(this).ne(other)
/** 1 where this != other, else 0 */
infix fun Tensor.ne(other: Tensor): Tensor = ne(other)
/** 1 where this != other, else 0 */
infix fun Tensor.ne(other: Number): Tensor = ne(other.toDouble())

/** Elementwise `cond != 0 ? a : b`, broadcasting all three. */
fun <T : Ops<T>> where(cond: T, a: T, b: T): T = cond.where(a, b)
/** Elementwise `cond != 0 ? a : b`, broadcasting all three. */
fun <T : Ops<T>> where(cond: T, a: T, b: Number): T = cond.where(a, cond.constant(b.toDouble()))
/** Elementwise `cond != 0 ? a : b`, broadcasting all three. */
fun <T : Ops<T>> where(cond: T, a: Number, b: T): T = cond.where(cond.constant(a.toDouble()), b)
/** Elementwise `cond != 0 ? a : b`, broadcasting all three. */
fun <T : Ops<T>> where(cond: T, a: Number, b: Number): T = cond.where(cond.constant(a.toDouble()), cond.constant(b.toDouble()))
/** Elementwise `cond != 0 ? a : b`, broadcasting all three; tensors are constants of the trace. */
fun where(cond: Value, a: Value, b: Tensor): Value = cond.where(a, cond.constant(b))
/** Elementwise `cond != 0 ? a : b`, broadcasting all three; tensors are constants of the trace. */
fun where(cond: Value, a: Tensor, b: Value): Value = cond.where(cond.constant(a), b)
/** Elementwise `cond != 0 ? a : b`, broadcasting all three; tensors are constants of the trace. */
fun where(cond: Value, a: Tensor, b: Tensor): Value = cond.where(cond.constant(a), cond.constant(b))
/** Elementwise `cond != 0 ? a : b`, broadcasting all three; tensors are constants of the trace. */
fun where(cond: Value, a: Tensor, b: Number): Value = cond.where(cond.constant(a), cond.constant(b.toDouble()))
/** Elementwise `cond != 0 ? a : b`, broadcasting all three; tensors are constants of the trace. */
fun where(cond: Value, a: Number, b: Tensor): Value = cond.where(cond.constant(a.toDouble()), cond.constant(b))
/** Elementwise `cond != 0 ? a : b` with a data mask, broadcasting all three. */
fun where(cond: Tensor, a: Value, b: Value): Value = a.constant(cond).where(a, b)
/** Elementwise `cond != 0 ? a : b` with a data mask, broadcasting all three. */
fun where(cond: Tensor, a: Value, b: Number): Value = a.constant(cond).where(a, a.constant(b.toDouble()))
/** Elementwise `cond != 0 ? a : b` with a data mask, broadcasting all three. */
fun where(cond: Tensor, a: Number, b: Value): Value = b.constant(cond).where(b.constant(a.toDouble()), b)
