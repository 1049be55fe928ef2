package descent.games;

/** The Cholesky factor of a small dense symmetric positive definite matrix, and solves with it. */
final class Cholesky {
    private final double[][] l;

    Cholesky(double[][] s, String owner, String name) {
        int n = s.length;
        l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (Math.abs(s[i][j] - s[j][i]) > 1e-12 * (1 + Math.abs(s[i][j]))) {
                    throw new IllegalArgumentException(owner + ": " + name + " is not symmetric: [" + i + "][" + j + "] = " + s[i][j]
                            + " but [" + j + "][" + i + "] = " + s[j][i]);
                }
            }
        }
        for (int j = 0; j < n; j++) {
            double d = s[j][j];
            for (int k = 0; k < j; k++) {
                d -= l[j][k] * l[j][k];
            }
            if (!(d > 0)) {
                throw new IllegalArgumentException(owner + ": " + name + " is not positive definite (pivot " + j + " is " + d + ")");
            }
            l[j][j] = Math.sqrt(d);
            for (int i = j + 1; i < n; i++) {
                double v = s[i][j];
                for (int k = 0; k < j; k++) {
                    v -= l[i][k] * l[j][k];
                }
                l[i][j] = v / l[j][j];
            }
        }
    }

    /** {@code S^{-1} b}. */
    double[] solve(double[] b) {
        int n = l.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double v = b[i];
            for (int k = 0; k < i; k++) {
                v -= l[i][k] * y[k];
            }
            y[i] = v / l[i][i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double v = y[i];
            for (int k = i + 1; k < n; k++) {
                v -= l[k][i] * y[k];
            }
            y[i] = v / l[i][i];
        }
        return y;
    }
}
