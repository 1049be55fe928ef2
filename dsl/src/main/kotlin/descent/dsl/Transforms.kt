package descent.dsl

import descent.ad.AD
import descent.ad.Func
import descent.ad.Jet
import descent.ad.core.Value
import descent.tensor.Tensor

/** A differentiable function of one argument, e.g. `fn { x -> sum(sin(x) * x) }`. */
fun fn(body: (Value) -> Value): Func = Func.of { x -> body(x) }

/** A differentiable function of two arguments. */
fun fn2(body: (Value, Value) -> Value): Func = Func.of { x, y -> body(x, y) }

/** The gradient of a scalar function of one argument, as a function. */
fun grad(f: Func): Func = AD.grad(f)

/** The gradient of a scalar function of one argument, as a function. */
fun grad(body: (Value) -> Value): Func = AD.grad(fn(body))

/** The Hessian of a scalar function of one argument. */
fun hessian(f: Func): Func = AD.hessian(f)

/** Hessian-vector product (x, v) -> H(x) v. */
fun hvp(f: Func): Func = AD.hvp(f)

/** The Jacobian of a function of one argument (reverse mode). */
fun jacobian(f: Func): Func = AD.jacobian(f)

/** Derivatives of t -> f(x + v1 t + v2 t^2/2! + ...) at t = 0 (jax.experimental.jet convention). */
fun jet(f: Func, x: Tensor, vararg series: Tensor): Jet = AD.jet(f, x, *series)

/** Evaluates a single-result function: `f(x)`. */
operator fun Func.invoke(vararg args: Tensor): Tensor = call(*args)

/** Applies a single-result function to traced values inside another function. */
operator fun Func.invoke(vararg args: Value): Value = apply(*args)
