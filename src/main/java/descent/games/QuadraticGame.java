package descent.games;

/**
 * {@code f(x, y) = x^T P x / 2 + x^T B y - y^T Q y / 2 + a^T x - b^T y} with {@code P, Q}
 * positive definite. With {@code r = B^T x - b} and {@code s = B y + a}, the best responses are
 * {@code y' = Q^{-1} r} and {@code x' = -P^{-1} s}, so the gap is
 * {@code r^T Q^{-1} r / 2 + s^T P^{-1} s / 2 + x^T P x / 2 + a^T x + y^T Q y / 2 + b^T y}.
 */
final class QuadraticGame implements Game {
    private final double[][] p;
    private final double[][] b;
    private final double[][] q;
    private final double[] a;
    private final double[] c;
    private final int m;
    private final int n;
    private final Cholesky pChol;
    private final Cholesky qChol;

    QuadraticGame(double[][] p, double[][] b, double[][] q, double[] a, double[] c) {
        String owner = "Game.quadratic";
        this.p = Players.matrix(owner, "P", p);
        this.b = Players.matrix(owner, "B", b);
        this.q = Players.matrix(owner, "Q", q);
        m = p.length;
        n = q.length;
        if (p[0].length != m || q[0].length != n) {
            throw new IllegalArgumentException(owner + ": P and Q must be square, got P " + m + " x " + p[0].length + " and Q " + n
                    + " x " + q[0].length);
        }
        if (b.length != m || b[0].length != n) {
            throw new IllegalArgumentException(owner + ": B must be " + m + " x " + n + " (rows of P by rows of Q), got " + b.length
                    + " x " + b[0].length);
        }
        if (a == null || a.length != m || c == null || c.length != n) {
            throw new IllegalArgumentException(owner + ": a must have " + m + " and b " + n + " elements, got "
                    + (a == null ? "null" : a.length) + " and " + (c == null ? "null" : c.length));
        }
        this.a = a.clone();
        this.c = c.clone();
        pChol = new Cholesky(p, owner, "P");
        qChol = new Cholesky(q, owner, "Q");
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
        return "quadratic(" + m + " x " + n + ")";
    }

    @Override
    public double valueAndGrad(double[] z, double[] grad) {
        Players.requireJoint(this, z.length, "valueAndGrad");
        double f = 0;
        for (int i = 0; i < m; i++) {
            double px = 0;
            double by = 0;
            for (int k = 0; k < m; k++) {
                px += p[i][k] * z[k];
            }
            for (int j = 0; j < n; j++) {
                by += b[i][j] * z[m + j];
            }
            grad[i] = px + by + a[i];
            f += z[i] * (0.5 * px + by + a[i]);
        }
        for (int j = 0; j < n; j++) {
            double qy = 0;
            double bx = 0;
            for (int k = 0; k < n; k++) {
                qy += q[j][k] * z[m + k];
            }
            for (int i = 0; i < m; i++) {
                bx += b[i][j] * z[i];
            }
            grad[m + j] = bx - qy - c[j];
            f -= z[m + j] * (0.5 * qy + c[j]);
        }
        return f;
    }

    @Override
    public double gap(double[] z) {
        Players.requireJoint(this, z.length, "gap");
        double[] r = new double[n];
        double[] s = new double[m];
        double own = 0;
        for (int j = 0; j < n; j++) {
            double v = -c[j];
            for (int i = 0; i < m; i++) {
                v += b[i][j] * z[i];
            }
            r[j] = v;
            double qy = 0;
            for (int k = 0; k < n; k++) {
                qy += q[j][k] * z[m + k];
            }
            own += z[m + j] * (0.5 * qy + c[j]);
        }
        for (int i = 0; i < m; i++) {
            double v = a[i];
            double px = 0;
            for (int j = 0; j < n; j++) {
                v += b[i][j] * z[m + j];
            }
            for (int k = 0; k < m; k++) {
                px += p[i][k] * z[k];
            }
            s[i] = v;
            own += z[i] * (0.5 * px + a[i]);
        }
        double[] qr = qChol.solve(r);
        double[] ps = pChol.solve(s);
        double g = own;
        for (int j = 0; j < n; j++) {
            g += 0.5 * r[j] * qr[j];
        }
        for (int i = 0; i < m; i++) {
            g += 0.5 * s[i] * ps[i];
        }
        return g;
    }
}
