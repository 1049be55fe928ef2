package descent.games;

/** Argument checks and per-player steps shared by the game methods. */
final class Players {
    private Players() {
    }

    static void requireJoint(Game game, int length, String what) {
        if (length != game.xSize() + game.ySize()) {
            throw new IllegalArgumentException(game.name() + "." + what + ": a joint vector [x; y] has " + game.xSize() + " + "
                    + game.ySize() + " elements, got " + length);
        }
    }

    static double positive(String owner, String name, double v) {
        if (!(v > 0) || v == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(owner + ": " + name + " must be finite and > 0, got " + v);
        }
        return v;
    }

    static double[][] matrix(String owner, String name, double[][] a) {
        if (a == null || a.length == 0 || a[0] == null || a[0].length == 0) {
            throw new IllegalArgumentException(owner + ": " + name + " must be a non-empty matrix");
        }
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null || a[i].length != a[0].length) {
                throw new IllegalArgumentException(owner + ": " + name + " is ragged: row " + i + " has "
                        + (a[i] == null ? 0 : a[i].length) + " elements, row 0 has " + a[0].length);
            }
            for (int j = 0; j < a[i].length; j++) {
                if (!Double.isFinite(a[i][j])) {
                    throw new IllegalArgumentException(owner + ": " + name + "[" + i + "][" + j + "] is " + a[i][j]);
                }
            }
            c[i] = a[i].clone();
        }
        return c;
    }
}
