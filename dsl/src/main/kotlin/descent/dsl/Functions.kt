package descent.dsl

import descent.tensor.Value

/** sin x, elementwise */
fun sin(x: Value): Value = x.sin()
/** cos x, elementwise */
fun cos(x: Value): Value = x.cos()
/** tan x, elementwise */
fun tan(x: Value): Value = x.tan()
/** e^x, elementwise */
fun exp(x: Value): Value = x.exp()
/** natural logarithm, elementwise */
fun ln(x: Value): Value = x.log()
/** log(1 + x), elementwise */
fun log1p(x: Value): Value = x.log1p()
/** square root, elementwise */
fun sqrt(x: Value): Value = x.sqrt()
/** tanh x, elementwise */
fun tanh(x: Value): Value = x.tanh()
/** sinh x, elementwise */
fun sinh(x: Value): Value = x.sinh()
/** cosh x, elementwise */
fun cosh(x: Value): Value = x.cosh()
/** |x|, elementwise */
fun abs(x: Value): Value = x.abs()
/** logistic sigmoid, elementwise */
fun sigmoid(x: Value): Value = x.sigmoid()
/** softplus log(1 + e^x), elementwise */
fun softplus(x: Value): Value = x.softplus()
/** error function, elementwise */
fun erf(x: Value): Value = x.erf()
/** sum of all elements */
fun sum(x: Value): Value = x.sum()
/** mean of all elements */
fun mean(x: Value): Value = x.mean()
