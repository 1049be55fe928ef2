package descent.dsl

import descent.ad.AD
import descent.ad.Func
import descent.ad.Jet
import descent.tensor.Value
import descent.tensor.Params
import descent.tensor.Tensor

/** A differentiable function of one argument, e.g. `fn { x -> sum(sin(x) * x) }`. */
fun fn(body: (Value) -> Value): Func = Func.of { x -> body(x) }

/** A differentiable function of two arguments. */
fun fn2(body: (Value, Value) -> Value): Func = Func.of { x, y -> body(x, y) }

/** A differentiable function of three arguments, e.g. a loss of weights and data `fn3 { w, x, y -> ... }`. */
fun fn3(body: (Value, Value, Value) -> Value): Func = Func.of(3) { a -> arrayOf(body(a[0], a[1], a[2])) }

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

/** A parameter tree from name-to-tensor (or name-to-subtree) pairs: `params("w" to w, "b" to b)`. */
fun params(vararg entries: Pair<String, Any>): Params<Tensor> =
    Params.of(*entries.flatMap { listOf(it.first, it.second) }.toTypedArray())

/**
 * A function of a parameter tree shaped like [like] and [dataArity] data values:
 * `fn(params, 2) { p, (x, y) -> ... }`.
 */
fun fn(like: Params<*>, dataArity: Int, body: (Params<Value>, Array<out Value>) -> Value): Func =
    Func.of(like, dataArity) { p, data -> body(p, data) }

/** Evaluates a function of a parameter tree and data: `loss(p, x, y)`. */
operator fun Func.invoke(p: Params<Tensor>, vararg data: Tensor): Tensor = call(p, *data)

/** Vectorizes [f] over axis 0 of the arguments whose entry in [batched] is true (all by default). */
fun vmap(f: Func, vararg batched: Boolean): Func =
    if (batched.isEmpty()) AD.vmap(f)
    else AD.vmap(f, IntArray(batched.size) { if (batched[it]) 0 else AD.NOT_BATCHED }, null)

/** f and its first [order] derivatives along [v] at [x]: `derivatives(f, x, v, 4).derivative(k)`. */
fun derivatives(f: Func, x: Tensor, v: Tensor, order: Int): Jet = AD.derivatives(f, x, v, order)
