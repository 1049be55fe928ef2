/**
 * Coordinate descent (cyclic, randomized, Gauss–Southwell and Gauss–Southwell–Lipschitz
 * selection; exact on {@link descent.coordinate.Quadratic}s) and proximal block-coordinate
 * descent over parameter groups ({@link descent.coordinate.CoordinateMethods}).
 */
package descent.coordinate;
