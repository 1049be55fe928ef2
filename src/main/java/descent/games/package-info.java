/**
 * Two-player zero-sum games {@code min_x max_y f(x, y)} ({@link descent.games.Game}) and the
 * methods that find their saddle points ({@link descent.games.GameMethods}: gradient
 * descent-ascent, extragradient, mirror prox, optimistic methods, Halpern's anchored iteration),
 * run by {@code Minimize.with(method)} with history, callbacks and checkpoints.
 */
package descent.games;
