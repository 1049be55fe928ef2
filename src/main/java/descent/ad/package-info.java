/**
 * Automatic differentiation and compiled functions: {@link descent.ad.Func} (a traced, compiled,
 * cached function of tensors and parameter trees), the transforms of {@link descent.ad.AD}
 * (grad, jvp, vjp, hvp, Jacobians, Hessians, Taylor-mode jets, vmap), gradient checking and custom
 * derivative rules.
 */
package descent.ad;
