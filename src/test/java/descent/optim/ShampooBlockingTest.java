package descent.optim;

import descent.curvature.Eigen;
import descent.tensor.ParamLayout;
import descent.tensor.Params;
import descent.tensor.Rng;
import descent.tensor.Shape;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shampoo's blocking: the update vectors of a blocked leaf against a plain Shampoo written out
 * here and run on each block as a matrix of its own (own factors, own Adam moments, own grafting
 * norm), a leaf that fits in one block against the same plain Shampoo on the whole matrix, and
 * the shapes of the factors a {@code 10000 x 64} leaf gets.
 */
class ShampooBlockingTest {
    static final double LR = 0.1;
    static final double B1 = 0.9;
    static final double B2 = 0.99;
    static final double EPS = 1e-8;
    static final double ROOT_EPS = 1e-6;
    static final int EVERY = 2;

    /** Plain Shampoo grafted to Adam on one {@code r x c} matrix, with the inverse roots formed explicitly. */
    static final class Plain {
        final int r;
        final int c;
        final double[][] left;
        final double[][] right;
        double[][] rootLeft;
        double[][] rootRight;
        final double[][] m;
        final double[][] v;
        int t;

        Plain(int r, int c) {
            this.r = r;
            this.c = c;
            left = new double[r][r];
            right = new double[c][c];
            m = new double[r][c];
            v = new double[r][c];
        }

        /** {@code (A + floor I)^{-1/4}} with {@code floor = rootEps max(lambda_max, 0)}, negative eigenvalues clipped to 0. */
        static double[][] inverseFourthRoot(double[][] a) {
            int n = a.length;
            Eigen.Pairs e = Eigen.symmetric(a);
            double top = e.values()[0];
            for (double l : e.values()) {
                top = Math.max(top, l);
            }
            double floor = ROOT_EPS * Math.max(top, 0) + Double.MIN_NORMAL;
            double[][] p = new double[n][n];
            for (int k = 0; k < n; k++) {
                double w = Math.pow(Math.max(e.values()[k], 0) + floor, -0.25);
                double[] q = e.vectors()[k];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        p[i][j] += w * q[i] * q[j];
                    }
                }
            }
            return p;
        }

        double[][] step(double[][] g) {
            t++;
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < r; j++) {
                    double s = 0;
                    for (int k = 0; k < c; k++) {
                        s += g[i][k] * g[j][k];
                    }
                    left[i][j] = B2 * left[i][j] + (1 - B2) * s;
                }
            }
            for (int i = 0; i < c; i++) {
                for (int j = 0; j < c; j++) {
                    double s = 0;
                    for (int k = 0; k < r; k++) {
                        s += g[k][i] * g[k][j];
                    }
                    right[i][j] = B2 * right[i][j] + (1 - B2) * s;
                }
            }
            if ((t - 1) % EVERY == 0) {
                rootLeft = inverseFourthRoot(left);
                rootRight = inverseFourthRoot(right);
            }
            double bc1 = 1 - Math.pow(B1, t);
            double bc2 = 1 - Math.pow(B2, t);
            double[][] mh = new double[r][c];
            double na = 0;
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < c; j++) {
                    m[i][j] = B1 * m[i][j] + (1 - B1) * g[i][j];
                    v[i][j] = B2 * v[i][j] + (1 - B2) * g[i][j] * g[i][j];
                    mh[i][j] = m[i][j] / bc1;
                    double a = mh[i][j] / (Math.sqrt(v[i][j] / bc2) + EPS);
                    na += a * a;
                }
            }
            double[][] s = product(product(rootLeft, mh), rootRight);
            double ns = 0;
            for (double[] row : s) {
                for (double x : row) {
                    ns += x * x;
                }
            }
            double scale = Math.sqrt(na) / Math.sqrt(ns);
            for (double[] row : s) {
                for (int j = 0; j < c; j++) {
                    row[j] *= -LR * scale;
                }
            }
            return s;
        }

        static double[][] product(double[][] a, double[][] b) {
            double[][] out = new double[a.length][b[0].length];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < b[0].length; j++) {
                    double s = 0;
                    for (int k = 0; k < b.length; k++) {
                        s += a[i][k] * b[k][j];
                    }
                    out[i][j] = s;
                }
            }
            return out;
        }
    }

    /**
     * Runs {@code steps} updates of Shampoo with {@code blockSize} on a {@code rows x cols} leaf
     * followed by a vector leaf of 3, on random gradients, and checks every update vector of the
     * matrix against plain Shampoo on each block (row and column chunks of {@code blockSize}).
     */
    static void checkAgainstPlainBlocks(int rows, int cols, int blockSize, int steps) {
        Transform shampoo = Optimizers.shampoo(LR, B1, B2, EPS, ROOT_EPS, EVERY, blockSize);
        ParamLayout layout = ParamLayout.ofShapes(Params.of(Shape.class, "w", Shape.of(rows, cols), "b", Shape.of(3)));
        int n = layout.size();
        double[] params = new double[n];
        State state = shampoo.init(layout, params);
        int rowBlocks = (rows + blockSize - 1) / blockSize;
        int colBlocks = (cols + blockSize - 1) / blockSize;
        Plain[][] plain = new Plain[rowBlocks][colBlocks];
        for (int a = 0; a < rowBlocks; a++) {
            for (int b = 0; b < colBlocks; b++) {
                plain[a][b] = new Plain(Math.min(blockSize, rows - a * blockSize), Math.min(blockSize, cols - b * blockSize));
            }
        }
        Rng rng = new Rng(41);
        for (int step = 1; step <= steps; step++) {
            double[] g = new double[n];
            for (int i = 0; i < n; i++) {
                g[i] = rng.nextGaussian() * (1 + (i % 4));
            }
            double[] u = g.clone();
            shampoo.update(u, state, params);
            for (int a = 0; a < rowBlocks; a++) {
                for (int b = 0; b < colBlocks; b++) {
                    Plain p = plain[a][b];
                    double[][] gb = new double[p.r][p.c];
                    for (int i = 0; i < p.r; i++) {
                        for (int j = 0; j < p.c; j++) {
                            gb[i][j] = g[(a * blockSize + i) * cols + b * blockSize + j];
                        }
                    }
                    double[][] expected = p.step(gb);
                    for (int i = 0; i < p.r; i++) {
                        for (int j = 0; j < p.c; j++) {
                            int at = (a * blockSize + i) * cols + b * blockSize + j;
                            assertEquals(expected[i][j], u[at], 1e-12, "step " + step + ", block (" + a + ", " + b + "), element " + at);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aBlockedLeafTakesThePlainShampooStepOfEachBlock() {
        // 7 x 5 in blocks of 3: rows 3 + 3 + 1, columns 3 + 2, six blocks of four shapes
        checkAgainstPlainBlocks(7, 5, 3, 6);
    }

    @Test
    void aLeafWithinOneBlockTakesThePlainShampooStep() {
        checkAgainstPlainBlocks(4, 6, 6, 6);
        checkAgainstPlainBlocks(4, 6, 1024, 6);
    }

    @Test
    void oneBlockCoveringTheLeafGivesTheUnblockedUpdatesExactly() {
        ParamLayout layout = ParamLayout.ofShapes(Params.of(Shape.class, "w", Shape.of(6, 4)));
        Transform exact = Optimizers.shampoo(LR, B1, B2, EPS, ROOT_EPS, EVERY, 6);
        Transform large = Optimizers.shampoo(LR, B1, B2, EPS, ROOT_EPS, EVERY);
        State se = exact.init(layout, new double[24]);
        State sl = large.init(layout, new double[24]);
        Rng rng = new Rng(5);
        for (int k = 0; k < 5; k++) {
            double[] g = new double[24];
            for (int i = 0; i < 24; i++) {
                g[i] = rng.nextGaussian();
            }
            double[] ue = g.clone();
            double[] ul = g.clone();
            exact.update(ue, se, new double[24]);
            large.update(ul, sl, new double[24]);
            assertArrayEquals(ul, ue, 0.0, "step " + (k + 1));
        }
    }

    /** The lengths of the state's factor arrays named {@code prefix} followed by a leaf (and block) index. */
    static List<Integer> factorLengths(State s, String prefix) {
        List<String> paths = new ArrayList<>();
        List<Object> arrays = new ArrayList<>();
        s.collect("", paths, arrays);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            String name = paths.get(i).substring(paths.get(i).lastIndexOf('/') + 1);
            if (name.matches(prefix + "[0-9_]+")) {
                out.add(((double[]) arrays.get(i)).length);
            }
        }
        return out;
    }

    @Test
    void aTallLeafGetsFactorsOfAtMostTheBlockSize() {
        ParamLayout layout = ParamLayout.ofShapes(Params.of(Shape.class, "w", Shape.of(10000, 64)));
        State s = Optimizers.shampoo(1e-3).init(layout, new double[layout.size()]);
        // default blocks of 1024: nine of 1024 rows and one of 784, each 1024 x 64 or 784 x 64
        List<Integer> left = factorLengths(s, "L");
        List<Integer> right = factorLengths(s, "R");
        List<Integer> expectedLeft = new ArrayList<>();
        for (int a = 0; a < 9; a++) {
            expectedLeft.add(1024 * 1024);
        }
        expectedLeft.add(784 * 784);
        assertEquals(expectedLeft, left);
        assertEquals(java.util.Collections.nCopies(10, 64 * 64), right);
        assertEquals(expectedLeft, factorLengths(s, "QL"));
        assertEquals(java.util.Collections.nCopies(10, 64 * 64), factorLengths(s, "QR"));
        // the whole state: Adam's two moments, and per block L, Q_L, R, Q_R and both eigenvalue vectors, and the count
        long factors = 2L * (9 * 1024 * 1024 + 784 * 784) + 10 * 2 * 64 * 64 + 10000 + 10 * 64;
        assertEquals(2L * 10000 * 64 + factors, s.doubleCount());
        assertTrue(s.doubleCount() < 10000L * 10000, "no 10000 x 10000 factor");

        // blocks of 128 on the same leaf: 78 of 128 rows and one of 16
        State small = Optimizers.shampoo(1e-3, 0.9, 0.999, 1e-8, 1e-6, 10, 128).init(layout, new double[layout.size()]);
        List<Integer> smallLeft = factorLengths(small, "L");
        assertEquals(79, smallLeft.size());
        assertEquals(128 * 128, (int) smallLeft.get(0));
        assertEquals(16 * 16, (int) smallLeft.get(78));
    }

    @Test
    void aBadBlockSizeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.shampoo(0.1, 0.9, 0.999, 1e-8, 1e-6, 10, 0));
        assertTrue(e.getMessage().contains("blockSize"), e.getMessage());
    }
}
