package descent.curvature;

import descent.ad.Func;
import descent.tensor.Value;
import descent.optim.HessianObjective;
import descent.optim.ResidualObjective;
import descent.tensor.Params;
import descent.tensor.ParamLayout;
import descent.tensor.Rng;
import descent.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The curvature toolkit against exact answers: Lanczos and power iteration against the known
 * spectrum of 100-D matrices built as {@code Q diag(lambda) Q'} (and a dense Jacobi
 * eigendecomposition), Hutchinson estimates against the exact trace and diagonal with their
 * theoretical variances, stochastic Lanczos quadrature against exact spectral moments, CG and
 * MINRES against residuals, and the AD core's Hessian-vector and Gauss–Newton products against
 * central differences of gradients and against dense Jacobians.
 */
class CurvatureTest {
    static final int N = 100;

    /** Q = H1 H2 with Householder reflections of two random unit vectors; A = Q diag(lambda) Q'. */
    static double[][] withSpectrum(double[] lambda, long seed) {
        int n = lambda.length;
        Rng rng = new Rng(seed);
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) {
            q[i][i] = 1;
        }
        for (int h = 0; h < 2; h++) {
            double[] u = Eigen.gaussian(n, rng);
            Eigen.normalize(u);
            double[][] next = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int k = 0; k < n; k++) {
                        s += q[i][k] * ((k == j ? 1 : 0) - 2 * u[k] * u[j]);
                    }
                    next[i][j] = s;
                }
            }
            q = next;
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += q[i][k] * lambda[k] * q[j][k];
                }
                a[i][j] = s;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double m = 0.5 * (a[i][j] + a[j][i]);
                a[i][j] = m;
                a[j][i] = m;
            }
        }
        return a;
    }

    /** Eigenvalues 1, 2, ..., 90 and ten well-separated large ones 100, 110, ..., 190, some of the small ones negated. */
    static double[] spectrum() {
        double[] l = new double[N];
        for (int i = 0; i < 90; i++) {
            l[i] = (i % 7 == 3 ? -1 : 1) * (i + 1);
        }
        for (int i = 90; i < N; i++) {
            l[i] = 100 + 10 * (i - 90);
        }
        return l;
    }

    @Test
    void lanczosFindsTheTopEigenvaluesOfA100DMatrix() {
        double[] lambda = spectrum();
        double[][] a = withSpectrum(lambda, 1);
        double[] sorted = lambda.clone();
        Arrays.sort(sorted);
        double[] dense = SymmetricEigen.of(a).values;
        for (int i = 0; i < N; i++) {
            assertEquals(sorted[i], dense[i], 1e-9, "Jacobi eigenvalue " + i);
        }
        Eigen.Pairs top = Eigen.lanczos(Operator.dense(a), 5, 60, new Rng(2));
        for (int k = 0; k < 5; k++) {
            assertEquals(sorted[N - 1 - k], top.values()[k], 1e-8, "Ritz value " + k);
            double[] av = new double[N];
            Operator.dense(a).apply(top.vectors()[k], av);
            double res = 0;
            for (int i = 0; i < N; i++) {
                res = Math.max(res, Math.abs(av[i] - top.values()[k] * top.vectors()[k][i]));
            }
            assertTrue(res < 1e-6, "Ritz vector " + k + " residual " + res);
        }
        Eigen.Pairs full = Eigen.lanczos(Operator.dense(a), 100, 100, new Rng(3));
        assertEquals(N, full.values().length);
        for (int k = 0; k < N; k++) {
            assertEquals(sorted[N - 1 - k], full.values()[k], 1e-8, "all " + N + " steps: value " + k);
        }
        Eigen.Pairs power = Eigen.power(Operator.dense(a), 2000, 1e-14, new Rng(4));
        assertEquals(190, power.values()[0], 1e-8, "power iteration after " + power.products() + " products");
        assertThrows(IllegalArgumentException.class, () -> Eigen.lanczos(Operator.dense(a), 6, 5, new Rng(0)));
    }

    /** The exact variances of one Hutchinson sample: Rademacher 2 sum_{i != j} a_ij^2, Gaussian 2 |A|_F^2. */
    @Test
    void hutchinsonTraceIsUnbiasedWithItsTheoreticalVariance() {
        double[][] a = withSpectrum(spectrum(), 5);
        double trace = 0;
        double offDiagonal = 0;
        double frobenius = 0;
        for (int i = 0; i < N; i++) {
            trace += a[i][i];
            for (int j = 0; j < N; j++) {
                frobenius += a[i][j] * a[i][j];
                if (i != j) {
                    offDiagonal += a[i][j] * a[i][j];
                }
            }
        }
        Rng rng = new Rng(6);
        for (Hutchinson.Probe probe : Hutchinson.Probe.values()) {
            int draws = 200;
            int samples = 50;
            double sumZ = 0;
            double sumVar = 0;
            for (int d = 0; d < draws; d++) {
                Hutchinson.Estimate e = Hutchinson.trace(Operator.dense(a), samples, probe, rng);
                double z = (e.value() - trace) / e.standardError();
                assertTrue(Math.abs(z) < 4.5, probe + " draw " + d + ": " + e.value() + " vs " + trace + ", " + z + " standard errors");
                sumZ += z;
                sumVar += e.standardError() * e.standardError() * samples;
            }
            double variance = sumVar / draws;
            double expected = probe == Hutchinson.Probe.RADEMACHER ? 2 * offDiagonal : 2 * frobenius;
            assertEquals(expected, variance, 0.05 * expected, probe + " sample variance");
            assertTrue(Math.abs(sumZ / draws) < 0.3, probe + " mean z " + sumZ / draws);
        }
    }

    @Test
    void hutchinsonDiagonalConvergesToTheDiagonal() {
        double[][] a = withSpectrum(spectrum(), 7);
        int samples = 20000;
        double[] d = new double[N];
        Hutchinson.diagonal(Operator.dense(a), samples, Hutchinson.Probe.RADEMACHER, new Rng(8), d);
        for (int i = 0; i < N; i++) {
            double rowOff = 0;
            for (int j = 0; j < N; j++) {
                rowOff += j == i ? 0 : a[i][j] * a[i][j];
            }
            double se = Math.sqrt(rowOff / samples);
            assertEquals(a[i][i], d[i], 4.5 * se, "diagonal element " + i);
        }
        // a diagonal operator is estimated exactly by Rademacher probes
        double[] diag = new double[N];
        for (int i = 0; i < N; i++) {
            diag[i] = i - 3.5;
        }
        Hutchinson.diagonal(Operator.diagonal(diag), 1, Hutchinson.Probe.RADEMACHER, new Rng(9), d);
        for (int i = 0; i < N; i++) {
            assertEquals(diag[i], d[i], 1e-15);
        }
    }

    @Test
    void spectralDensityMatchesTheSpectralMoments() {
        double[] lambda = spectrum();
        double[][] a = withSpectrum(lambda, 10);
        SpectralDensity sd = SpectralDensity.estimate(Operator.dense(a), 40, 30, new Rng(11));
        double sum = 0;
        for (double w : sd.weights()) {
            sum += w;
        }
        assertEquals(1, sum, 1e-12);
        double m1 = 0;
        double m2 = 0;
        for (double l : lambda) {
            m1 += l / N;
            m2 += l * l / N;
        }
        assertEquals(m2, sd.expectation(x -> x * x), 0.1 * m2, "second moment");
        assertEquals(m1, sd.expectation(x -> x), 0.15 * Math.sqrt(m2), "mean eigenvalue");
        for (double node : sd.nodes()) {
            assertTrue(node >= -88.0 - 1e-8 && node <= 190 + 1e-8, "node " + node + " outside the spectrum");
        }
        // the smoothed density integrates to 1 over a grid covering the spectrum
        double[] grid = new double[4000];
        for (int g = 0; g < grid.length; g++) {
            grid[g] = -150 + 0.1 * g;
        }
        double[] rho = sd.density(grid, 2);
        double integral = 0;
        for (double r : rho) {
            integral += 0.1 * r;
        }
        assertEquals(1, integral, 1e-6);
    }

    @Test
    void cgAndMinresSolveToTheirTolerance() {
        double[] positive = new double[N];
        for (int i = 0; i < N; i++) {
            positive[i] = 1 + i;
        }
        double[][] spd = withSpectrum(positive, 12);
        double[][] indefinite = withSpectrum(spectrum(), 13);
        double[] b = Eigen.gaussian(N, new Rng(14));
        for (boolean useMinres : new boolean[] {false, true}) {
            double[][] m = useMinres ? indefinite : spd;
            double[] x = new double[N];
            Krylov.Solution s = useMinres ? Krylov.minres(Operator.dense(m), b, x, null, 1e-10, 500)
                    : Krylov.cg(Operator.dense(m), b, x, null, 1e-10, 500);
            assertTrue(s.converged(), s.toString());
            double[] ax = new double[N];
            Operator.dense(m).apply(x, ax);
            double r = 0;
            double bn = 0;
            for (int i = 0; i < N; i++) {
                r += (b[i] - ax[i]) * (b[i] - ax[i]);
                bn += b[i] * b[i];
            }
            assertTrue(Math.sqrt(r) <= 2e-10 * Math.sqrt(bn), (useMinres ? "minres" : "cg") + " residual " + Math.sqrt(r / bn));
        }
        // CG stops at negative curvature on the indefinite matrix and says so
        Krylov.Solution s = Krylov.cg(Operator.dense(indefinite), b, new double[N], null, 1e-10, 500);
        assertTrue(s.negativeCurvature() && !s.converged(), s.toString());
        // a Jacobi preconditioner cuts the iterations on a badly scaled diagonal-dominant system
        double[][] scaled = new double[N][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                double si = Math.pow(10, 3.0 * i / N);
                double sj = Math.pow(10, 3.0 * j / N);
                scaled[i][j] = si * sj * ((i == j ? 2 : 0) + (Math.abs(i - j) == 1 ? -0.5 : 0));
            }
        }
        double[] inv = new double[N];
        for (int i = 0; i < N; i++) {
            inv[i] = 1 / scaled[i][i];
        }
        Krylov.Solution plain = Krylov.cg(Operator.dense(scaled), b, new double[N], null, 1e-10, 5000);
        Krylov.Solution jacobi = Krylov.cg(Operator.dense(scaled), b, new double[N], Operator.diagonal(inv), 1e-10, 5000);
        Krylov.Solution jacobiMinres = Krylov.minres(Operator.dense(scaled), b, new double[N], Operator.diagonal(inv), 1e-10, 5000);
        assertTrue(jacobi.converged() && jacobiMinres.converged() && jacobi.iterations() * 3 < plain.iterations(),
                "plain " + plain + ", Jacobi " + jacobi + ", Jacobi MINRES " + jacobiMinres);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Krylov.cg(Operator.dense(spd), new double[3], new double[N], null, 1e-8, 10));
        assertTrue(e.getMessage().contains("right-hand side has 3 elements"), e.getMessage());
    }

    /** f(w, b; X) = sum(tanh(X w + b)^2) / 2 + sum(w^4) / 4: a nonquadratic objective with data. */
    static Func objective() {
        return Func.of(3, a -> new Value[] {a[2].matmul(a[0]).add(a[1]).tanh().square().sum().mul(Tensor.of(0.5))
                .add(a[0].square().square().sum().mul(Tensor.of(0.25)))});
    }

    @Test
    void hessianVectorProductsMatchDifferencesOfGradients() {
        Rng rng = new Rng(15);
        Tensor xs = rng.normal(20, 4);
        Params<Tensor> p = Params.of("w", rng.normal(4, 1), "b", rng.normal(1));
        HessianObjective f = HessianObjective.of(objective(), p, xs);
        double[] x = ParamLayout.of(p).flatten(p);
        int n = x.length;
        double[] v = Eigen.gaussian(n, rng);
        double[] hv = new double[n];
        Operator.hessian(f::hvp, x).apply(v, hv);
        double h = 1e-5;
        double[] gp = new double[n];
        double[] gm = new double[n];
        double[] xp = x.clone();
        double[] xm = x.clone();
        for (int i = 0; i < n; i++) {
            xp[i] += h * v[i];
            xm[i] -= h * v[i];
        }
        f.valueAndGrad(xp, gp);
        f.valueAndGrad(xm, gm);
        for (int i = 0; i < n; i++) {
            double fd = (gp[i] - gm[i]) / (2 * h);
            assertEquals(fd, hv[i], 1e-7 * Math.max(1, Math.abs(fd)), "element " + i);
        }
        // symmetric: u'Hv = v'Hu
        double[] u = Eigen.gaussian(n, rng);
        double[] hu = new double[n];
        Operator.hessian(f::hvp, x).apply(u, hu);
        assertEquals(Krylov.dot(u, hv), Krylov.dot(v, hu), 1e-12 * Math.abs(Krylov.dot(u, hv)) + 1e-13);
    }

    @Test
    void gaussNewtonProductsAreJTransposeJ() {
        Rng rng = new Rng(16);
        Tensor xs = rng.normal(7, 3);
        // residuals r = tanh(X w) - 1 (7 residuals, 3 parameters)
        Func r = Func.of(2, a -> new Value[] {a[1].matmul(a[0]).tanh().sub(Tensor.of(1.0))});
        Params<Tensor> p = Params.of("w", rng.normal(3, 1));
        ResidualObjective f = ResidualObjective.of(r, p, xs);
        double[] w = ParamLayout.of(p).flatten(p);
        // the Jacobian by central differences of the residuals, column by column
        double[][] jac = new double[7][3];
        double h = 1e-6;
        double[] rp = new double[7];
        double[] rm = new double[7];
        for (int j = 0; j < 3; j++) {
            double[] wp = w.clone();
            double[] wm = w.clone();
            wp[j] += h;
            wm[j] -= h;
            f.residuals(wp, rp);
            f.residuals(wm, rm);
            for (int i = 0; i < 7; i++) {
                jac[i][j] = (rp[i] - rm[i]) / (2 * h);
            }
        }
        Operator gn = Operator.gaussNewton(f::jvp, f::vjp, w, 7);
        double[] v = {0.3, -1.1, 0.7};
        double[] gv = new double[3];
        gn.apply(v, gv);
        for (int a = 0; a < 3; a++) {
            double expected = 0;
            for (int i = 0; i < 7; i++) {
                double jv = 0;
                for (int b = 0; b < 3; b++) {
                    jv += jac[i][b] * v[b];
                }
                expected += jac[i][a] * jv;
            }
            assertEquals(expected, gv[a], 1e-8 * Math.max(1, Math.abs(expected)), "element " + a);
        }
    }
}
