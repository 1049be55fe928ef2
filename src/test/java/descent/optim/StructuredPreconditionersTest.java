package descent.optim;

import descent.tensor.ParamLayout;
import descent.tensor.Params;
import descent.tensor.Rng;
import descent.tensor.Shape;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shampoo and SOAP on a matrix quadratic with Kronecker-structured Hessian
 * {@code f(W) = 1/2 tr((W - W*)' A (W - W*) B)} (condition number 1e4) against the best Adam of
 * a learning-rate grid, each with its best learning rate of the same grid;
 * M-FAC's windowed inverse-Fisher product against a dense solve of
 * {@code (lambda I + (1/m) sum g g') x = b}, before and after the window wraps; ScaledGD
 * recovering planted low-rank matrices with condition numbers 10 and 1000 at the same rate, where
 * plain gradient descent slows down with the condition number.
 */
class StructuredPreconditionersTest {
    /** A symmetric positive definite {@code n x n} matrix with eigenvalues log-spaced over {@code [1, kappa]} and random eigenvectors. */
    static double[][] spd(int n, double kappa, Rng rng) {
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                q[i][j] = rng.nextGaussian();
            }
        }
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < i; k++) {
                double d = 0;
                for (int j = 0; j < n; j++) {
                    d += q[i][j] * q[k][j];
                }
                for (int j = 0; j < n; j++) {
                    q[i][j] -= d * q[k][j];
                }
            }
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += q[i][j] * q[i][j];
            }
            for (int j = 0; j < n; j++) {
                q[i][j] /= Math.sqrt(s);
            }
        }
        double[][] a = new double[n][n];
        for (int k = 0; k < n; k++) {
            double lambda = Math.pow(kappa, (double) k / (n - 1));
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    a[i][j] += lambda * q[k][i] * q[k][j];
                }
            }
        }
        return a;
    }

    /** {@code f(W) = 1/2 tr(E' A E B)}, {@code E = W - W*}, gradient {@code A E B}; W is {@code r x c}, row-major. */
    static Objective kronecker(double[][] a, double[][] b, double[] wStar) {
        int r = a.length;
        int c = b.length;
        return (w, g) -> {
            double[] e = new double[r * c];
            for (int i = 0; i < r * c; i++) {
                e[i] = w[i] - wStar[i];
            }
            double[] ae = new double[r * c];
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < c; j++) {
                    double s = 0;
                    for (int k = 0; k < r; k++) {
                        s += a[i][k] * e[k * c + j];
                    }
                    ae[i * c + j] = s;
                }
            }
            double f = 0;
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < c; j++) {
                    double s = 0;
                    for (int k = 0; k < c; k++) {
                        s += ae[i * c + k] * b[k][j];
                    }
                    g[i * c + j] = s;
                    f += 0.5 * e[i * c + j] * s;
                }
            }
            return f;
        };
    }

    @Test
    void shampooAndSoapBeatAdamOnAKroneckerQuadratic() {
        Rng rng = new Rng(3);
        int r = 8;
        int c = 6;
        double[][] a = spd(r, 100, rng);
        double[][] b = spd(c, 100, rng);
        double[] wStar = new double[r * c];
        for (int i = 0; i < wStar.length; i++) {
            wStar[i] = rng.nextGaussian();
        }
        Objective f = kronecker(a, b, wStar);
        Params<descent.tensor.Tensor> p0 = Params.of("w", descent.tensor.Tensor.zeros(Shape.of(r, c)));
        double f0 = f.valueAndGrad(new double[r * c], new double[r * c]);
        int steps = 400;
        double adam = Double.POSITIVE_INFINITY;
        for (double lr : new double[] {1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1}) {
            adam = Math.min(adam, Minimize.with(Optimizers.adam(lr)).steps(steps).run(f, p0).value());
        }
        System.out.println(String.format(Locale.ROOT, "Kronecker quadratic (condition 1e4): f0 = %.3e, best Adam after %d steps %.3e", f0, steps,
                adam));
        String[] names = {"shampoo", "soap"};
        for (int m = 0; m < 2; m++) {
            double best = Double.POSITIVE_INFINITY;
            for (double lr : new double[] {1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1}) {
                Transform t = m == 0 ? Optimizers.shampoo(lr) : Optimizers.soap(lr);
                best = Math.min(best, Minimize.with(t).steps(steps).run(f, p0).value());
            }
            System.out.println(String.format(Locale.ROOT, "%-8s best after %d steps %.3e", names[m], steps, best));
            // measured here: Shampoo about 1e-5 of Adam's loss, SOAP about 1/60 (its eigenbasis, of the gradients'
            // covariance A E B^2 E' A, matches A's eigenvectors only approximately)
            assertTrue(best < (m == 0 ? 1e-3 : 0.1) * adam, names[m] + " " + best + " vs Adam " + adam);
        }
    }

    @Test
    void theWindowedInverseFisherMatchesADenseSolve() {
        Rng rng = new Rng(9);
        int n = 15;
        int m = 4;
        double lambda = 0.3;
        double[][] slots = new double[m][n];
        FisherWindow w = new FisherWindow(m, n, lambda, slots, new double[m * m]);
        java.util.List<double[]> seen = new java.util.ArrayList<>();
        for (int k = 0; k < 7; k++) {
            double[] g = new double[n];
            for (int i = 0; i < n; i++) {
                g[i] = rng.nextGaussian() * (1 + i);
            }
            w.add(g, k);
            seen.add(g);
            // the dense F over the last min(k + 1, m) gradients
            double[][] f = new double[n][n];
            for (int i = 0; i < n; i++) {
                f[i][i] = lambda;
            }
            for (int j = Math.max(0, seen.size() - m); j < seen.size(); j++) {
                double[] gj = seen.get(j);
                for (int i = 0; i < n; i++) {
                    for (int l = 0; l < n; l++) {
                        f[i][l] += gj[i] * gj[l] / m;
                    }
                }
            }
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = rng.nextGaussian();
            }
            double[] y = new double[n];
            w.inverseTimes(x, y);
            // F y must give x back
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int l = 0; l < n; l++) {
                    s += f[i][l] * y[l];
                }
                assertEquals(x[i], s, 1e-10 * (1 + Math.abs(x[i])), "after " + (k + 1) + " gradients, row " + i);
            }
        }
    }

    @Test
    void mfacTakesTheNaturalGradientStep() {
        // with one gradient in a window of one: F = lambda I + g g', F^{-1} g = g / (lambda + |g|^2)
        int n = 3;
        Transform t = Optimizers.mfac(0.5, 1, 0.1);
        double[] params = {1, 2, 3};
        State s = t.init(ParamLayout.ofShapes(Params.of(Shape.class, "x", Shape.of(n))), params);
        double[] g = {1, -2, 0.5};
        double gg = 1 + 4 + 0.25;
        double[] u = g.clone();
        t.update(u, s, params);
        for (int i = 0; i < n; i++) {
            assertEquals(-0.5 * g[i] / (0.1 + gg), u[i], 1e-15);
        }
    }

    /** {@code f(L, R) = 1/2 |L R' - M|_F^2} with {@code M = U diag(sigma) V'}; leaves "L" (n x r) then "R" (n x r). */
    static Objective lowRank(double[] mStar, int n, int r) {
        return (x, g) -> {
            int off = n * r;
            double[] e = new double[n * n];
            double f = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = -mStar[i * n + j];
                    for (int k = 0; k < r; k++) {
                        s += x[i * r + k] * x[off + j * r + k];
                    }
                    e[i * n + j] = s;
                    f += 0.5 * s * s;
                }
            }
            java.util.Arrays.fill(g, 0);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double eij = e[i * n + j];
                    for (int k = 0; k < r; k++) {
                        g[i * r + k] += eij * x[off + j * r + k];
                        g[off + j * r + k] += eij * x[i * r + k];
                    }
                }
            }
            return f;
        };
    }

    /** Steps until {@code |L R' - M|_F <= 1e-9 |M|_F} (or the budget) from a perturbed balanced factorization. */
    static long recover(double kappa, Transform t, int steps) {
        Rng rng = new Rng(17);
        int n = 30;
        int r = 3;
        double[][] qu = orthonormal(n, r, rng);
        double[][] qv = orthonormal(n, r, rng);
        double[] sigma = new double[r];
        for (int k = 0; k < r; k++) {
            sigma[k] = Math.pow(kappa, -(double) k / (r - 1));
        }
        double[] mStar = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < r; k++) {
                    mStar[i * n + j] += qu[k][i] * sigma[k] * qv[k][j];
                }
            }
        }
        double[] x = new double[2 * n * r];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < r; k++) {
                double s = Math.sqrt(sigma[k]);
                x[i * r + k] = qu[k][i] * s * (1 + 0.2 * rng.nextGaussian());
                x[n * r + i * r + k] = qv[k][i] * s * (1 + 0.2 * rng.nextGaussian());
            }
        }
        double norm = 0;
        for (double m : mStar) {
            norm += m * m;
        }
        double target = 0.5 * 1e-18 * norm;
        Params<descent.tensor.Tensor> x0 = Params.of("L", descent.tensor.Tensor.copyOf(java.util.Arrays.copyOfRange(x, 0, n * r), n, r),
                "R", descent.tensor.Tensor.copyOf(java.util.Arrays.copyOfRange(x, n * r, 2 * n * r), n, r));
        Result res = Minimize.with(t).steps(steps).stopWhen(Stop.targetValue(target)).run(lowRank(mStar, n, r), x0);
        return res.value() <= target ? res.steps() : Long.MAX_VALUE;
    }

    static double[][] orthonormal(int n, int r, Rng rng) {
        double[][] q = new double[r][n];
        for (int k = 0; k < r; k++) {
            for (int i = 0; i < n; i++) {
                q[k][i] = rng.nextGaussian();
            }
            for (int l = 0; l < k; l++) {
                double d = 0;
                for (int i = 0; i < n; i++) {
                    d += q[k][i] * q[l][i];
                }
                for (int i = 0; i < n; i++) {
                    q[k][i] -= d * q[l][i];
                }
            }
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += q[k][i] * q[k][i];
            }
            for (int i = 0; i < n; i++) {
                q[k][i] /= Math.sqrt(s);
            }
        }
        return q;
    }

    @Test
    void scaledGdRecoversALowRankMatrixAtARateIndependentOfItsConditionNumber() {
        long well = recover(10, Optimizers.scaledGd(0.5, "L", "R"), 5000);
        long ill = recover(1000, Optimizers.scaledGd(0.5, "L", "R"), 5000);
        long gdIll = recover(1000, Optimizers.sgd(0.5), 5000);
        System.out.println("ScaledGD steps to 1e-9 relative error: kappa 10: " + well + ", kappa 1000: " + ill + "; GD at kappa 1000: "
                + (gdIll == Long.MAX_VALUE ? "not within 5000" : gdIll));
        assertTrue(well < 200 && ill < 200, well + " and " + ill);
        assertTrue(Math.abs(ill - well) <= 0.25 * well + 3, "the rate depends on the condition number: " + well + " vs " + ill);
        assertTrue(gdIll > 20 * ill, "plain GD " + gdIll + " vs ScaledGD " + ill);
    }

    @Test
    void badFactorsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizers.scaledGd(0.1, "L", "L"));
        assertTrue(e.getMessage().contains("two different"), e.getMessage());
        Transform t = Optimizers.scaledGd(0.1, "L", "Q");
        e = assertThrows(IllegalArgumentException.class,
                () -> t.init(ParamLayout.ofShapes(Params.of(Shape.class, "L", Shape.of(3, 2), "R", Shape.of(4, 2))), new double[14]));
        assertTrue(e.getMessage().contains("no leaf named 'Q'"), e.getMessage());
        Transform u = Optimizers.scaledGd(0.1, "L", "R");
        e = assertThrows(IllegalArgumentException.class,
                () -> u.init(ParamLayout.ofShapes(Params.of(Shape.class, "L", Shape.of(3, 2), "R", Shape.of(4, 3))), new double[18]));
        assertTrue(e.getMessage().contains("same number of columns"), e.getMessage());
    }
}
