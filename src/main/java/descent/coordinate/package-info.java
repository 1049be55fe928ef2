/**
 * Coordinate descent (cyclic, randomized, Gauss–Southwell and Gauss–Southwell–Lipschitz
 * selection; exact on {@link descent.coordinate.Quadratic}s), the lasso and the elastic net by
 * cyclic coordinate descent on a {@link descent.coordinate.Regression}, proximal block-coordinate
 * descent over parameter groups and layer-wise greedy block gradient descent
 * ({@link descent.coordinate.CoordinateMethods}).
 */
package descent.coordinate;
