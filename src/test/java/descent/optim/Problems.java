package descent.optim;

/** The test objectives with analytic gradients, as in the torch reference script. */
final class Problems {
    private Problems() {
    }

    static final double[][] A = {{3.0, 0.5, 0.0}, {0.5, 2.0, 0.3}, {0.0, 0.3, 1.0}};
    static final double[] B = {1.0, -2.0, 0.5};

    /** 0.5 x'Ax - b'x; gradient Ax - b. */
    static double quad(double[] x, double[] g) {
        double f = 0;
        for (int i = 0; i < 3; i++) {
            double ax = 0;
            for (int j = 0; j < 3; j++) {
                ax += A[i][j] * x[j];
            }
            g[i] = ax - B[i];
            f += 0.5 * x[i] * ax - B[i] * x[i];
        }
        return f;
    }

    /** The 3-D Rosenbrock chain of the reference script: sum_i (1 - x_i)^2 + 100 (x_{i+1} - x_i^2)^2. */
    static double rosen(double[] x, double[] g) {
        java.util.Arrays.fill(g, 0, x.length, 0.0);
        double f = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            double a = 1 - x[i];
            double b = x[i + 1] - x[i] * x[i];
            f += a * a + 100 * b * b;
            g[i] += -2 * a - 400 * b * x[i];
            g[i + 1] += 200 * b;
        }
        return f;
    }

    static Objective objective(String name) {
        return name.equals("quad") ? Problems::quad : Problems::rosen;
    }
}
