/**
 * Implicit differentiation and bilevel optimization: {@link descent.bilevel.Implicit} makes a
 * solution of {@code F(x, theta) = 0} a differentiable operation of the AD core, differentiated by
 * the implicit function theorem with {@link descent.bilevel.LinearSolver}s on products of the AD
 * core; {@link descent.bilevel.Bilevel} computes hypergradients by the methods of
 * {@link descent.bilevel.Hypergradient} and runs the inexact bilevel loop.
 */
package descent.bilevel;
