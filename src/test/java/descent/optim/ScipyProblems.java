package descent.optim;

import java.util.List;
import java.util.Map;

/** The objectives of scipy_lbfgsb.py, written as SciPy computes them, with the data it stored. */
final class ScipyProblems {
    private ScipyProblems() {
    }

    /** SciPy's {@code rosen} and {@code rosen_der}. */
    static double rosen(double[] x, double[] g) {
        int n = x.length;
        double f = 0;
        for (int i = 0; i + 1 < n; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            f += 100.0 * a * a + b * b;
        }
        for (int i = 1; i + 1 < n; i++) {
            g[i] = 200 * (x[i] - x[i - 1] * x[i - 1]) - 400 * (x[i + 1] - x[i] * x[i]) * x[i] - 2 * (1 - x[i]);
        }
        g[0] = -400 * x[0] * (x[1] - x[0] * x[0]) - 2 * (1 - x[0]);
        g[n - 1] = 200 * (x[n - 1] - x[n - 2] * x[n - 2]);
        return f;
    }

    static double zakharov(double[] x, double[] g) {
        double s = 0;
        double xx = 0;
        for (int i = 0; i < x.length; i++) {
            s += (i + 1) * x[i];
            xx += x[i] * x[i];
        }
        s *= 0.5;
        for (int i = 0; i < x.length; i++) {
            g[i] = 2 * x[i] + (2 * s + 4 * s * s * s) * 0.5 * (i + 1);
        }
        return xx + s * s + s * s * s * s;
    }

    /** {@code 1/2 (x - c)' A (x - c)}. */
    static Objective quadratic(double[][] a, double[] c) {
        return (x, g) -> {
            double f = 0;
            int n = x.length;
            for (int i = 0; i < n; i++) {
                double ae = 0;
                for (int j = 0; j < n; j++) {
                    ae += a[i][j] * (x[j] - c[j]);
                }
                g[i] = ae;
                f += (x[i] - c[i]) * ae;
            }
            return 0.5 * f;
        };
    }

    static Objective logistic(double[][] features, double[] labels, double lambda) {
        int m = features.length;
        int d = features[0].length;
        return (w, g) -> {
            java.util.Arrays.fill(g, 0);
            double loss = 0;
            for (int k = 0; k < m; k++) {
                double z = 0;
                for (int j = 0; j < d; j++) {
                    z += features[k][j] * w[j];
                }
                z *= labels[k];
                double e = Math.exp(-Math.abs(z));
                loss += z > 0 ? Math.log1p(e) : -z + Math.log1p(e);
                double sig = z > 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
                for (int j = 0; j < d; j++) {
                    g[j] -= features[k][j] * labels[k] * sig / m;
                }
            }
            double ww = 0;
            for (int j = 0; j < d; j++) {
                ww += w[j] * w[j];
                g[j] += lambda * w[j];
            }
            return loss / m + 0.5 * lambda * ww;
        };
    }

    /** The objective of a reference line. */
    @SuppressWarnings("unchecked")
    static Objective objective(Map<String, Object> problem) {
        String name = (String) problem.get("name");
        Map<String, Object> data = (Map<String, Object>) problem.get("data");
        if (name.startsWith("rosen")) {
            return ScipyProblems::rosen;
        }
        if (name.startsWith("zakharov")) {
            return ScipyProblems::zakharov;
        }
        if (name.startsWith("quadratic")) {
            return quadratic(Json.matrix(data.get("A")), Json.doubles(data.get("c")));
        }
        if (name.startsWith("logistic")) {
            return logistic(Json.matrix(data.get("X")), Json.doubles(data.get("y")), ((Number) data.get("lambda")).doubleValue());
        }
        throw new IllegalArgumentException("unknown problem " + name);
    }

    /** The bounds of a reference line (null entries of the lists are never written; infinities are). */
    static Bounds bounds(Map<String, Object> problem) {
        Object lower = problem.get("lower");
        if (lower == null) {
            return Bounds.NONE;
        }
        return Bounds.of(Json.doubles(lower), Json.doubles(problem.get("upper")));
    }

    static List<Map<String, Object>> references() {
        return Json.lines("/descent/optim/scipy-lbfgsb.jsonl");
    }
}
