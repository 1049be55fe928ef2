package descent.optim;

import descent.tensor.ParamLayout;
import descent.tensor.Params;
import descent.tensor.Rng;
import descent.tensor.Shape;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sophia-H, AdaHessian, OASIS and SANIA on an indefinite quadratic {@code f = 1/2 x'Ax - b'x}
 * with a dense Hessian, so that a Hutchinson estimate {@code z * (Az)} is not the diagonal and its
 * sign varies: the Hessian products are recorded with their probes, and the first update vectors
 * are checked against the update equations of the references written out here from those probes
 * (the authors' code for Sophia and AdaHessian, the paper's algorithm for OASIS and SANIA).
 */
class CurvatureReferenceTest {
    /** One step as the transform saw it: parameters, gradient, loss, the probes of its Hessian products, and its update. */
    record Step(double[] x, double[] g, double f, List<double[]> probes, double[] update) {
    }

    /** A random symmetric matrix with {@code shift} added to its diagonal. */
    static double[][] symmetric(int n, double shift, Rng rng) {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = rng.nextGaussian() + (i == j ? shift : 0);
                a[j][i] = a[i][j];
            }
        }
        return a;
    }

    static double[] times(double[][] a, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
                out[i] += a[i][j] * v[j];
            }
        }
        return out;
    }

    static List<Step> run(Transform t, ParamLayout layout, double[][] a, double[] b, double[] x0, int steps) {
        int n = x0.length;
        double[] x = x0.clone();
        State s = t.init(layout, x);
        List<Step> out = new ArrayList<>();
        Context.Oracle oracle = (p, grad) -> {
            double[] ap = times(a, p);
            double f = 0;
            for (int i = 0; i < n; i++) {
                grad[i] = ap[i] - b[i];
                f += 0.5 * p[i] * ap[i] - b[i] * p[i];
            }
            return f;
        };
        for (int k = 0; k < steps; k++) {
            double[] g = new double[n];
            double f = oracle.valueAndGrad(x, g);
            List<double[]> probes = new ArrayList<>();
            Context ctx = Context.of(f, oracle, (p, z, hz) -> {
                probes.add(z.clone());
                System.arraycopy(times(a, z), 0, hz, 0, n);
            });
            double[] u = g.clone();
            double[] xk = x.clone();
            t.update(u, s, x, ctx);
            out.add(new Step(xk, g, f, probes, u.clone()));
            for (int i = 0; i < n; i++) {
                x[i] += u[i];
            }
        }
        return out;
    }

    /** The mean over the probes of {@code z * (Az)}. */
    static double[] hutchinson(double[][] a, List<double[]> probes) {
        int n = a.length;
        double[] d = new double[n];
        for (double[] z : probes) {
            double[] az = times(a, z);
            for (int i = 0; i < n; i++) {
                d[i] += z[i] * az[i] / probes.size();
            }
        }
        return d;
    }

    static void assertUpdate(double[] expected, Step s, int k) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], s.update()[i], 1e-12, "step " + (k + 1) + ", element " + i);
        }
    }

    static double[] vector(int n, Rng rng) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    @Test
    void sophiaFollowsTheAuthorsUpdate() {
        Rng rng = new Rng(21);
        int n = 5;
        double[][] a = symmetric(n, 0, rng);
        double[] b = vector(n, rng);
        double lr = 0.05;
        // a fast Hessian average and a large gamma, so that within ten steps some ratios fall below the clip
        double b1 = 0.965;
        double b2 = 0.5;
        double gamma = 2;
        double eps = 1e-15;
        double wd = 0.1;
        int k = 3;
        List<Step> steps = run(Optimizers.sophia(lr, b1, b2, gamma, eps, wd, k, 4), ParamLayout.ofShapes(Params.of(Shape.class, "x", Shape.of(n))), a,
                b, vector(n, rng), 10);
        double[] m = new double[n];
        double[] h = new double[n];
        boolean negative = false;
        boolean unclipped = false;
        for (int t = 0; t < steps.size(); t++) {
            Step s = steps.get(t);
            // the authors' loop refreshes h after steps k - 1, 2k - 1, ...: before steps k, 2k, ... at the same parameters
            assertEquals(t > 0 && t % k == 0 ? 1 : 0, s.probes().size(), "products at step " + (t + 1));
            if (!s.probes().isEmpty()) {
                double[] d = hutchinson(a, s.probes());
                for (int i = 0; i < n; i++) {
                    h[i] = b2 * h[i] + (1 - b2) * d[i];
                    negative |= h[i] < 0;
                }
            }
            double[] expected = new double[n];
            for (int i = 0; i < n; i++) {
                double p = s.x()[i] * (1 - lr * wd);
                m[i] = b1 * m[i] + (1 - b1) * s.g()[i];
                double ratio = Math.min(Math.abs(m[i]) / Math.max(gamma * h[i], eps), 1);
                unclipped |= ratio < 1;
                p -= lr * Math.signum(m[i]) * ratio;
                expected[i] = p - s.x()[i];
            }
            assertUpdate(expected, s, t);
        }
        assertTrue(negative, "the run should see a negative estimate");
        assertTrue(unclipped, "the run should see a negative estimate and an unclipped ratio");
    }

    @Test
    void adaHessianFollowsTheAuthorsUpdateWithSpatialAveraging() {
        Rng rng = new Rng(22);
        // a 2 x 1 x 2 x 2 kernel (two 2 x 2 windows) and a bias of 3
        ParamLayout layout = ParamLayout.ofShapes(Params.of(Shape.class, "kernel", Shape.of(2, 1, 2, 2), "bias", Shape.of(3)));
        int n = layout.size();
        double[][] a = symmetric(n, 1.5, rng);
        double[] b = vector(n, rng);
        double lr = 0.15;
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-4;
        double wd = 0.01;
        double power = 0.7;
        List<Step> steps = run(Optimizers.adaHessian(lr, b1, b2, eps, wd, power, 1, 9), layout, a, b, vector(n, rng), 6);
        double[] m = new double[n];
        double[] v = new double[n];
        for (int t = 0; t < steps.size(); t++) {
            Step s = steps.get(t);
            assertEquals(1, s.probes().size());
            double[] d = hutchinson(a, s.probes());
            double[] hut = new double[n];
            for (int w = 0; w < 8; w += 4) {
                double mean = (Math.abs(d[w]) + Math.abs(d[w + 1]) + Math.abs(d[w + 2]) + Math.abs(d[w + 3])) / 4;
                for (int i = w; i < w + 4; i++) {
                    hut[i] = mean;
                }
            }
            for (int i = 8; i < n; i++) {
                hut[i] = Math.abs(d[i]);
            }
            int step = t + 1;
            double bc1 = 1 - Math.pow(b1, step);
            double bc2 = 1 - Math.pow(b2, step);
            double[] expected = new double[n];
            for (int i = 0; i < n; i++) {
                m[i] = b1 * m[i] + (1 - b1) * s.g()[i];
                v[i] = b2 * v[i] + (1 - b2) * hut[i] * hut[i];
                double denom = Math.pow(Math.sqrt(v[i]), power) / Math.pow(Math.sqrt(bc2), power) + eps;
                double p = s.x()[i] - lr * (m[i] / bc1 / denom + wd * s.x()[i]);
                expected[i] = p - s.x()[i];
            }
            assertUpdate(expected, s, t);
        }
    }

    @Test
    void oasisFollowsThePapersAlgorithm() {
        Rng rng = new Rng(23);
        int n = 5;
        double[][] a = symmetric(n, 1.5, rng);
        double[] b = vector(n, rng);
        double eta0 = 0.2;
        double b2 = 0.9;
        double alpha = 1e-3;
        int warmup = 3;
        List<Step> steps = run(Optimizers.oasis(eta0, b2, alpha, warmup, 6), ParamLayout.ofShapes(Params.of(Shape.class, "x", Shape.of(n))), a, b,
                vector(n, rng), 8);
        double[] d = null;
        double eta = eta0;
        double theta = Double.POSITIVE_INFINITY;
        for (int t = 0; t < steps.size(); t++) {
            Step s = steps.get(t);
            assertEquals(t == 0 ? warmup : 1, s.probes().size());
            double[] sample = hutchinson(a, s.probes());
            if (t == 0) {
                d = sample;
            } else {
                for (int i = 0; i < n; i++) {
                    d[i] = b2 * d[i] + (1 - b2) * sample[i];
                }
            }
            double[] dh = new double[n];
            for (int i = 0; i < n; i++) {
                dh[i] = Math.max(Math.abs(d[i]), alpha);
            }
            if (t > 0) {
                Step prev = steps.get(t - 1);
                double num = 0;
                double den = 0;
                for (int i = 0; i < n; i++) {
                    double dx = s.x()[i] - prev.x()[i];
                    double dg = s.g()[i] - prev.g()[i];
                    num += dx * dh[i] * dx;
                    den += dg * dg / dh[i];
                }
                double next = Math.min(Math.sqrt(1 + theta) * eta, 0.5 * Math.sqrt(num / den));
                theta = next / eta;
                eta = next;
            }
            double[] expected = new double[n];
            for (int i = 0; i < n; i++) {
                expected[i] = -eta * s.g()[i] / dh[i];
            }
            assertUpdate(expected, s, t);
        }
    }

    @Test
    void saniaFollowsThePapersStep() {
        Rng rng = new Rng(24);
        int n = 5;
        double[][] a = symmetric(n, 1.5, rng);
        double[] b = vector(n, rng);
        double fStar = -50;
        double b2 = 0.95;
        double alpha = 1e-2;
        int warmup = 2;
        List<Step> steps = run(Optimizers.sania(fStar, b2, alpha, warmup, 8), ParamLayout.ofShapes(Params.of(Shape.class, "x", Shape.of(n))), a, b,
                vector(n, rng), 6);
        double[] d = null;
        for (int t = 0; t < steps.size(); t++) {
            Step s = steps.get(t);
            double[] sample = hutchinson(a, s.probes());
            if (t == 0) {
                d = sample;
            } else {
                for (int i = 0; i < n; i++) {
                    d[i] = b2 * d[i] + (1 - b2) * sample[i];
                }
            }
            double q = 0;
            for (int i = 0; i < n; i++) {
                q += s.g()[i] * s.g()[i] / Math.max(Math.abs(d[i]), alpha);
            }
            double[] expected = new double[n];
            for (int i = 0; i < n; i++) {
                expected[i] = -(s.f() - fStar) / q * s.g()[i] / Math.max(Math.abs(d[i]), alpha);
            }
            assertUpdate(expected, s, t);
        }
    }
}
