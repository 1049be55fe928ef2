package descent.games;

/**
 * {@code f(x, y) = x^T A y}, unconstrained ({@link Game#bilinear}, no finite gap) or over two
 * simplices ({@link Game#matrix}, gap {@code max_j (A^T x)_j - min_i (A y)_i}).
 */
final class BilinearGame implements Game {
    private final double[][] a;
    private final int m;
    private final int n;
    private final boolean simplices;

    BilinearGame(double[][] a, boolean simplices) {
        String owner = simplices ? "Game.matrix" : "Game.bilinear";
        this.a = Players.matrix(owner, "A", a);
        this.m = a.length;
        this.n = a[0].length;
        this.simplices = simplices;
    }

    @Override
    public int xSize() {
        return m;
    }

    @Override
    public int ySize() {
        return n;
    }

    @Override
    public String name() {
        return (simplices ? "matrix" : "bilinear") + "(" + m + " x " + n + ")";
    }

    @Override
    public double valueAndGrad(double[] z, double[] grad) {
        Players.requireJoint(this, z.length, "valueAndGrad");
        double f = 0;
        for (int j = 0; j < n; j++) {
            grad[m + j] = 0;
        }
        for (int i = 0; i < m; i++) {
            double[] row = a[i];
            double xi = z[i];
            double ay = 0;
            for (int j = 0; j < n; j++) {
                ay += row[j] * z[m + j];
                grad[m + j] += row[j] * xi;
            }
            grad[i] = ay;
            f += xi * ay;
        }
        return f;
    }

    @Override
    public double gap(double[] z) {
        if (!simplices) {
            return Double.NaN;
        }
        Players.requireJoint(this, z.length, "gap");
        double minAy = Double.POSITIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            double ay = 0;
            for (int j = 0; j < n; j++) {
                ay += a[i][j] * z[m + j];
            }
            minAy = Math.min(minAy, ay);
        }
        double maxAx = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            double ax = 0;
            for (int i = 0; i < m; i++) {
                ax += a[i][j] * z[i];
            }
            maxAx = Math.max(maxAx, ax);
        }
        return maxAx - minAy;
    }
}
