package descent.games;

import descent.optim.Iterate;
import descent.optim.Method;
import descent.optim.State;
import descent.tensor.ParamLayout;

/**
 * What the game methods share: the players' sizes, domains and step sizes, the check of the start
 * against the game, the mirror step of both players along the operator
 * {@code F = (grad_x f, -grad_y f)}, and the history's measure (the duality gap where the game
 * knows it).
 */
abstract class GameMethod implements Method {
    final Game game;
    final Domain dx;
    final Domain dy;
    final double etaX;
    final double etaY;
    final int m;
    final int n;
    private final String label;

    GameMethod(String label, Game game, Domain dx, Domain dy, double etaX, double etaY) {
        if (game == null || dx == null || dy == null) {
            throw new IllegalArgumentException(label + ": the game and both domains are required");
        }
        this.label = label;
        this.game = game;
        this.dx = dx;
        this.dy = dy;
        this.etaX = Players.positive(label, "etaX", etaX);
        this.etaY = Players.positive(label, "etaY", etaY);
        this.m = game.xSize();
        this.n = game.ySize();
    }

    @Override
    public String name() {
        String geometry = dx.isEuclidean() && dy.isEuclidean() ? "" : ", " + dx.name() + " x " + dy.name();
        return label + "(" + game.name() + ", etaX=" + etaX + ", etaY=" + etaY + geometry + ")";
    }

    abstract GameState newState(int size);

    @Override
    public State init(ParamLayout layout, Iterate start) {
        start.requireUnbounded(name());
        start.requireDimension(name(), m + n, "but the players x and y of " + game.name() + " have " + m + " + " + n
                + " (build it with game.join(x0, y0))");
        GameState st = newState(m + n);
        double[] z = st.w;
        System.arraycopy(start.x(), 0, z, 0, m + n);
        boolean moved = dx.start(z, 0, m, name()) | dy.start(z, m, n, name());
        if (moved) {
            double f = evaluate(start, z, st.gw, "the start moved into the domains");
            start.moveTo(z, f, st.gw);
        }
        return st;
    }

    /** {@code out = } the mirror step of both players from {@code base} along {@code (d_x, -d_y)}, scaled by {@code scale}. */
    final void move(double[] base, double[] dir, double scale, double[] out) {
        dx.step(base, dir, etaX * scale, out, 0, m);
        dy.step(base, dir, -etaY * scale, out, m, n);
    }

    /** Evaluates at {@code z}, failing with the point's role if the value or gradient is not finite. */
    final double evaluate(Iterate it, double[] z, double[] g, String where) {
        double f = it.valueAndGrad(z, g);
        if (!Double.isFinite(f)) {
            throw new IllegalStateException(name() + ": f is " + f + " at " + where + " (after " + it.evaluations()
                    + " evaluations): the step sizes are too large for this game");
        }
        for (int i = 0; i < g.length; i++) {
            if (!Double.isFinite(g[i])) {
                throw new IllegalStateException(name() + ": the gradient's element " + i + " is " + g[i] + " at " + where
                        + ": the step sizes are too large for this game");
            }
        }
        return f;
    }

    /** Records the gap at the current point in the history's measure column (NaN if the game has none). */
    final void recordGap(Iterate it) {
        it.measure(game.gap(it.x()));
    }
}
