package descent.optim;

import descent.curvature.Eigen;
import descent.tensor.ParamLayout;
import descent.tensor.Params;
import descent.tensor.Rng;
import descent.tensor.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SOAP's update vectors against the authors' {@code soap.py} written out here leaf by leaf: the
 * first-moment average kept in the eigenbasis and carried across basis changes by projecting back
 * and forth, the skipped first step, {@code eps} outside the bias correction, the decoupled weight
 * decay applied after the step, the factors accumulated after the step, and the refresh by sorting
 * and one power iteration with Gram-Schmidt QR (the class uses Householder: the columns may differ
 * in sign, which the update does not see). The leaves are a full-rank square matrix, a matrix
 * whose long side exceeds {@code maxPrecondDim} (no factor there) and a vector (no factors).
 */
class SoapReferenceTest {
    static final double LR = 0.05;
    static final double B1 = 0.9;
    static final double B2 = 0.8;
    static final double SB = 0.7;
    static final double EPS = 1e-6;
    static final double WD = 0.1;
    static final int EVERY = 2;
    static final int MAX_DIM = 3;

    /** One leaf of the reference, as {@code r x c} (a vector is {@code 1 x n} without factors). */
    static final class Plain {
        final int r;
        final int c;
        final boolean hasL;
        final boolean hasR;
        final double[][] l;
        final double[][] rr;
        double[][] ql;
        double[][] qr;
        double[][] expAvg;
        double[][] expAvgSq;
        int step;
        boolean started;

        Plain(int r, int c, boolean matrix) {
            this.r = r;
            this.c = c;
            hasL = matrix && r <= MAX_DIM;
            hasR = matrix && c <= MAX_DIM;
            l = new double[r][r];
            rr = new double[c][c];
            expAvg = new double[r][c];
            expAvgSq = new double[r][c];
        }

        static double[][] transpose(double[][] a) {
            double[][] t = new double[a[0].length][a.length];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a[0].length; j++) {
                    t[j][i] = a[i][j];
                }
            }
            return t;
        }

        double[][] project(double[][] x) {
            double[][] y = hasL ? ShampooBlockingTest.Plain.product(transpose(ql), x) : x;
            return hasR ? ShampooBlockingTest.Plain.product(y, qr) : y;
        }

        double[][] projectBack(double[][] x) {
            double[][] y = hasL ? ShampooBlockingTest.Plain.product(ql, x) : x;
            return hasR ? ShampooBlockingTest.Plain.product(y, transpose(qr)) : y;
        }

        /** Eigenvectors as columns, largest eigenvalue first (torch's eigh, flipped). */
        static double[][] eigh(double[][] a) {
            Eigen.Pairs e = Eigen.symmetric(a);
            return transpose(e.vectors());
        }

        /** Columns of {@code q} sorted by {@code diag(q'fq)} descending, {@code sq} permuted along {@code axis}, then Gram-Schmidt QR of {@code f q}. */
        double[][] refresh(double[][] f, double[][] q, int axis) {
            int n = f.length;
            double[][] fq = ShampooBlockingTest.Plain.product(f, q);
            double[] est = new double[n];
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < n; i++) {
                    est[k] += q[i][k] * fq[i][k];
                }
            }
            Integer[] idx = new Integer[n];
            for (int k = 0; k < n; k++) {
                idx[k] = k;
            }
            java.util.Arrays.sort(idx, (a, b) -> Double.compare(est[b], est[a]));
            double[][] sq = new double[r][c];
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < c; j++) {
                    sq[i][j] = axis == 0 ? expAvgSq[idx[i]][j] : expAvgSq[i][idx[j]];
                }
            }
            expAvgSq = sq;
            double[][] cols = new double[n][];
            for (int k = 0; k < n; k++) {
                double[] col = new double[n];
                for (int i = 0; i < n; i++) {
                    col[i] = fq[i][idx[k]];
                }
                for (int p = 0; p < k; p++) {
                    double d = 0;
                    for (int i = 0; i < n; i++) {
                        d += cols[p][i] * col[i];
                    }
                    for (int i = 0; i < n; i++) {
                        col[i] -= d * cols[p][i];
                    }
                }
                double norm = 0;
                for (double x : col) {
                    norm += x * x;
                }
                for (int i = 0; i < n; i++) {
                    col[i] /= Math.sqrt(norm);
                }
                cols[k] = col;
            }
            return transpose(cols);
        }

        void updatePreconditioner(double[][] g) {
            if (started) {
                expAvg = projectBack(expAvg);
            }
            for (int i = 0; i < r && hasL; i++) {
                for (int j = 0; j < r; j++) {
                    double s = 0;
                    for (int k = 0; k < c; k++) {
                        s += g[i][k] * g[j][k];
                    }
                    l[i][j] += (1 - SB) * (s - l[i][j]);
                }
            }
            for (int i = 0; i < c && hasR; i++) {
                for (int j = 0; j < c; j++) {
                    double s = 0;
                    for (int k = 0; k < r; k++) {
                        s += g[k][i] * g[k][j];
                    }
                    rr[i][j] += (1 - SB) * (s - rr[i][j]);
                }
            }
            if (!started) {
                ql = hasL ? eigh(l) : null;
                qr = hasR ? eigh(rr) : null;
                started = true;
            }
            if (step > 0 && step % EVERY == 0) {
                if (hasL) {
                    ql = refresh(l, ql, 0);
                }
                if (hasR) {
                    qr = refresh(rr, qr, 1);
                }
            }
            if (step > 0) {
                expAvg = project(expAvg);
            }
        }

        /** One call of {@code step()} on this leaf; returns the new parameters. */
        double[][] step(double[][] g, double[][] p) {
            if (!started) {
                updatePreconditioner(g);
                return p;
            }
            double[][] gp = project(g);
            step++;
            double[][] ratio = new double[r][c];
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < c; j++) {
                    expAvg[i][j] = B1 * expAvg[i][j] + (1 - B1) * gp[i][j];
                    expAvgSq[i][j] = B2 * expAvgSq[i][j] + (1 - B2) * gp[i][j] * gp[i][j];
                    ratio[i][j] = expAvg[i][j] / (Math.sqrt(expAvgSq[i][j]) + EPS);
                }
            }
            double stepSize = LR * Math.sqrt(1 - Math.pow(B2, step)) / (1 - Math.pow(B1, step));
            double[][] n = projectBack(ratio);
            double[][] q = new double[r][c];
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < c; j++) {
                    q[i][j] = p[i][j] - stepSize * n[i][j];
                    q[i][j] -= LR * WD * q[i][j];
                }
            }
            updatePreconditioner(g);
            return q;
        }
    }

    @Test
    void theFirstUpdatesFollowTheAuthorsCode() {
        int[][] shapes = {{3, 3}, {2, 5}, {1, 4}};
        ParamLayout layout = ParamLayout.ofShapes(Params.of(Shape.class, "a", Shape.of(3, 3), "b", Shape.of(2, 5), "c", Shape.of(4)));
        Transform soap = Optimizers.soap(LR, B1, B2, SB, EPS, WD, EVERY, MAX_DIM);
        Rng rng = new Rng(11);
        int n = layout.size();
        double[] params = new double[n];
        for (int i = 0; i < n; i++) {
            params[i] = rng.nextGaussian();
        }
        State state = soap.init(layout, params);
        Plain[] plain = {new Plain(3, 3, true), new Plain(2, 5, true), new Plain(1, 4, false)};
        for (int call = 0; call < 8; call++) {
            double[] g = new double[n];
            for (int i = 0; i < n; i++) {
                g[i] = rng.nextGaussian() * (1 + i % 3);
            }
            double[] u = g.clone();
            soap.update(u, state, params);
            for (int leaf = 0; leaf < 3; leaf++) {
                int r = shapes[leaf][0];
                int c = shapes[leaf][1];
                int off = layout.offset(leaf);
                double[][] gl = new double[r][c];
                double[][] pl = new double[r][c];
                for (int i = 0; i < r; i++) {
                    for (int j = 0; j < c; j++) {
                        gl[i][j] = g[off + i * c + j];
                        pl[i][j] = params[off + i * c + j];
                    }
                }
                double[][] next = plain[leaf].step(gl, pl);
                for (int i = 0; i < r; i++) {
                    for (int j = 0; j < c; j++) {
                        double expected = next[i][j] - pl[i][j];
                        assertEquals(expected, u[off + i * c + j], 1e-12, "call " + call + ", leaf " + leaf + ", (" + i + ", " + j + ")");
                        if (call == 0) {
                            assertEquals(0.0, u[off + i * c + j], "the first call moves nothing");
                        }
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                params[i] += u[i];
            }
        }
    }

    @Test
    void aDimensionAboveTheLimitGetsNoFactor() {
        ParamLayout layout = ParamLayout.ofShapes(Params.of(Shape.class, "w", Shape.of(20000, 4)));
        State s = Optimizers.soap(3e-3).init(layout, new double[layout.size()]);
        assertEquals(0, ShampooBlockingTest.factorLengths(s, "L").get(0));
        assertEquals(16, ShampooBlockingTest.factorLengths(s, "R").get(0));
    }

    @Test
    void badHyperparametersAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.soap(3e-3, 0.95, 0.95, 1.5, 1e-8, 0.01, 10, 10000));
        assertTrue(e.getMessage().contains("shampooBeta"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Optimizers.soap(3e-3, 0.95, 0.95, 0.95, 1e-8, 0.01, 10, 0));
        assertTrue(e.getMessage().contains("maxPrecondDim"), e.getMessage());
    }
}
