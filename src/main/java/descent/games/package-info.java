/**
 * Two-player zero-sum games {@code min_x max_y f(x, y)} ({@link descent.games.Game}, among them
 * hidden games played through control maps and finite-sum games) and the methods that find their
 * saddle points ({@link descent.games.GameMethods}: gradient descent-ascent, extragradient, mirror
 * prox, optimistic methods, Halpern's anchored iteration and its variance-reduced form,
 * preconditioned hidden gradient descent), run by {@code Minimize.with(method)} with history,
 * callbacks and checkpoints.
 */
package descent.games;
