/**
 * Finite-sum objectives {@code (1/n) sum_i f_i} with per-term gradients batched through the AD
 * core ({@link descent.finitesum.FiniteSum}) and the stochastic variance-reduced methods that
 * minimize them ({@link descent.finitesum.FiniteSumMethods}: SVRG, loopless SVRG, SAGA, SARAH,
 * STORM), run by {@code Minimize.with(method)} one epoch per iteration.
 */
package descent.finitesum;
