package descent.dsl

import descent.tensor.Ops
import descent.tensor.Tensor
import descent.tensor.Value

// Math on traced values and on tensors alike: each function takes any T of Descent's one
// vocabulary (Value inside a traced function, Tensor outside) and returns the same type.

/** sin x, elementwise */
fun <T : Ops<T>> sin(x: T): T = x.sin()
/** cos x, elementwise */
fun <T : Ops<T>> cos(x: T): T = x.cos()
/** tan x, elementwise */
fun <T : Ops<T>> tan(x: T): T = x.tan()
/** atan x, elementwise */
fun <T : Ops<T>> atan(x: T): T = x.atan()
/** sinh x, elementwise */
fun <T : Ops<T>> sinh(x: T): T = x.sinh()
/** cosh x, elementwise */
fun <T : Ops<T>> cosh(x: T): T = x.cosh()
/** tanh x, elementwise */
fun <T : Ops<T>> tanh(x: T): T = x.tanh()
/** e^x, elementwise */
fun <T : Ops<T>> exp(x: T): T = x.exp()
/** e^x - 1, elementwise, accurate near 0 */
fun <T : Ops<T>> expm1(x: T): T = x.expm1()
/** Natural logarithm, elementwise. */
fun <T : Ops<T>> log(x: T): T = x.log()
/** Natural logarithm, elementwise (the same as [log]). */
fun <T : Ops<T>> ln(x: T): T = x.log()
/** log(1 + x), elementwise, accurate near 0 */
fun <T : Ops<T>> log1p(x: T): T = x.log1p()
/** Square root, elementwise. */
fun <T : Ops<T>> sqrt(x: T): T = x.sqrt()
/** x^2, elementwise */
fun <T : Ops<T>> square(x: T): T = x.square()
/** |x|, elementwise */
fun <T : Ops<T>> abs(x: T): T = x.abs()
/** The sign of x (-1, 0 or 1), elementwise; derivative 0. */
fun <T : Ops<T>> sign(x: T): T = x.sign()
/** Logistic sigmoid 1 / (1 + e^-x), elementwise. */
fun <T : Ops<T>> sigmoid(x: T): T = x.sigmoid()
/** Softplus log(1 + e^x), elementwise. */
fun <T : Ops<T>> softplus(x: T): T = x.softplus()
/** max(x, 0), elementwise */
fun <T : Ops<T>> relu(x: T): T = x.relu()
/** x sigmoid(x), elementwise */
fun <T : Ops<T>> silu(x: T): T = x.silu()
/** The error function, elementwise. */
fun <T : Ops<T>> erf(x: T): T = x.erf()
/** x clamped to [lo, hi], elementwise. */
fun <T : Ops<T>> clamp(x: T, lo: Number, hi: Number): T = x.clamp(lo.toDouble(), hi.toDouble())
/** The larger of a and b, elementwise. */
fun <T : Ops<T>> maximum(a: T, b: T): T = a.maximum(b)
/** The larger of a and b, elementwise. */
fun <T : Ops<T>> maximum(a: T, b: Number): T = a.maximum(b.toDouble())
/** The larger of a and b, elementwise. */
fun <T : Ops<T>> maximum(a: Number, b: T): T = b.maximum(a.toDouble())
/** The smaller of a and b, elementwise. */
fun <T : Ops<T>> minimum(a: T, b: T): T = a.minimum(b)
/** The smaller of a and b, elementwise. */
fun <T : Ops<T>> minimum(a: T, b: Number): T = a.minimum(b.toDouble())
/** The smaller of a and b, elementwise. */
fun <T : Ops<T>> minimum(a: Number, b: T): T = b.minimum(a.toDouble())
/** The value with derivative 0. */
fun <T : Ops<T>> stopGradient(x: T): T = x.stopGradient()

/** Sum of all elements, or over the given axes (negative axes count from the end). */
fun <T : Ops<T>> sum(x: T, vararg axes: Int): T = if (axes.isEmpty()) x.sum() else x.sum(*axes)
/** Mean of all elements, or over the given axes. */
fun <T : Ops<T>> mean(x: T, vararg axes: Int): T = if (axes.isEmpty()) x.mean() else x.mean(*axes)
/** Maximum of all elements, or over the given axes. */
fun <T : Ops<T>> max(x: T, vararg axes: Int): T = if (axes.isEmpty()) x.max() else x.max(*axes)
/** Minimum of all elements, or over the given axes. */
fun <T : Ops<T>> min(x: T, vararg axes: Int): T = if (axes.isEmpty()) x.min() else x.min(*axes)
/** log(sum(exp(x))) over the given axes (all by default), computed without overflow. */
fun <T : Ops<T>> logsumexp(x: T, vararg axes: Int): T = x.logsumexp(*(if (axes.isEmpty()) x.shape().axes() else axes))
/** Softmax along [axis]. */
fun <T : Ops<T>> softmax(x: T, axis: Int = -1): T = x.softmax(axis)
/** The Euclidean norm of all elements, sqrt(sum(x^2)). */
fun <T : Ops<T>> norm(x: T): T = x.norm()

/** Inner product of two vectors. */
fun <T : Ops<T>> dot(a: T, b: T): T = a.dot(b)
/** Inner product of two vectors; the tensor is a constant of the trace. */
fun dot(a: Tensor, b: Value): Value = b.constant(a).dot(b)
/** Inner product of two vectors; the tensor is a constant of the trace. */
fun dot(a: Value, b: Tensor): Value = a.dot(a.constant(b))
/** Matrix product with NumPy's rules for vectors and batches. */
fun <T : Ops<T>> matmul(a: T, b: T): T = a.matmul(b)
/** Matrix product; the tensor is a constant of the trace. */
fun matmul(a: Tensor, b: Value): Value = b.constant(a).matmul(b)
/** Matrix product; the tensor is a constant of the trace. */
fun matmul(a: Value, b: Tensor): Value = a.matmul(b)
/** Outer product of two vectors. */
fun <T : Ops<T>> outer(a: T, b: T): T = a.outer(b)
