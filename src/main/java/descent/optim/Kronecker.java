package descent.optim;

import descent.curvature.Eigen;

/**
 * The Kronecker factors of Shampoo and SOAP for one matrix block {@code G} of {@code r x c}: the
 * running second moments {@code L = b L + (1 - b) G G'} ({@code r x r}) and
 * {@code R = b R + (1 - b) G'G} ({@code c x c}), their eigendecompositions (refreshed on
 * request), and products with their eigenbases or inverse roots. Matrices are row-major
 * {@code double[]}; the block is read at an offset of the flat vector, its rows {@code stride}
 * apart (the row length of the leaf it is cut from; {@code c} for a whole leaf).
 */
final class Kronecker {
    final int r;
    final int c;
    final int stride;
    final double[] left;
    final double[] right;
    /** Eigenvectors as rows: {@code qLeft[k * r + i]} is element {@code i} of eigenvector {@code k}. */
    final double[] qLeft;
    final double[] qRight;
    final double[] valuesLeft;
    final double[] valuesRight;
    private final double[] tmp;

    /**
     * Factors of an {@code r x c} block whose rows are {@code stride} apart, over the caller's
     * (state) arrays: {@code L} and {@code Q_L} of {@code r * r}, {@code R} and {@code Q_R} of
     * {@code c * c}, eigenvalues of {@code r} and {@code c}; the bases start as identities.
     */
    Kronecker(int r, int c, int stride, double[] left, double[] right, double[] qLeft, double[] qRight, double[] valuesLeft,
            double[] valuesRight) {
        this.r = r;
        this.c = c;
        this.stride = stride;
        this.left = left;
        this.right = right;
        this.qLeft = qLeft;
        this.qRight = qRight;
        this.valuesLeft = valuesLeft;
        this.valuesRight = valuesRight;
        tmp = new double[r * c];
        for (int i = 0; i < r; i++) {
            qLeft[i * r + i] = 1;
        }
        for (int i = 0; i < c; i++) {
            qRight[i * c + i] = 1;
        }
    }

    /** {@code L = b L + (1 - b) G G'}, {@code R = b R + (1 - b) G'G} for the block at {@code off} of {@code g}. */
    void accumulate(double[] g, int off, double b) {
        for (int i = 0; i < r; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k < c; k++) {
                    s += g[off + i * stride + k] * g[off + j * stride + k];
                }
                double v = b * left[i * r + j] + (1 - b) * s;
                left[i * r + j] = v;
                left[j * r + i] = v;
            }
        }
        for (int i = 0; i < c; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k < r; k++) {
                    s += g[off + k * stride + i] * g[off + k * stride + j];
                }
                double v = b * right[i * c + j] + (1 - b) * s;
                right[i * c + j] = v;
                right[j * c + i] = v;
            }
        }
    }

    /** Recomputes the eigendecompositions of {@code L} and {@code R}. */
    void decompose() {
        decompose(left, r, qLeft, valuesLeft);
        decompose(right, c, qRight, valuesRight);
    }

    private static void decompose(double[] m, int n, double[] q, double[] values) {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m, i * n, a[i], 0, n);
        }
        Eigen.Pairs e = Eigen.symmetric(a);
        for (int k = 0; k < n; k++) {
            values[k] = e.values()[k];
            System.arraycopy(e.vectors()[k], 0, q, k * n, n);
        }
    }

    /**
     * {@code out = Q_L' X Q_R} ({@code back} false: into the eigenbases) or
     * {@code out = Q_L X Q_R'} (true: back), {@code Q} holding the eigenvectors as columns, with
     * {@code X} at {@code off} of {@code x} and the result at {@code off} of {@code out}
     * ({@code x} and {@code out} may be the same array).
     */
    void rotate(double[] x, int off, double[] out, boolean back) {
        for (int o = 0; o < r; o++) {
            for (int j = 0; j < c; j++) {
                double s = 0;
                for (int i = 0; i < r; i++) {
                    s += (back ? qLeft[i * r + o] : qLeft[o * r + i]) * x[off + i * stride + j];
                }
                tmp[o * c + j] = s;
            }
        }
        for (int i = 0; i < r; i++) {
            for (int o = 0; o < c; o++) {
                double s = 0;
                for (int j = 0; j < c; j++) {
                    s += tmp[i * c + j] * (back ? qRight[j * c + o] : qRight[o * c + j]);
                }
                out[off + i * stride + o] = s;
            }
        }
    }

    /**
     * {@code out = (L + e I)^{-1/4} X (R + e I)^{-1/4}} through the last eigendecompositions, with
     * {@code e = eps} times the largest eigenvalue of each factor (a relative floor).
     */
    void precondition(double[] x, int off, double[] out, double eps) {
        rotate(x, off, out, false);
        double floorL = eps * Math.max(valuesLeft[0], 0) + Double.MIN_NORMAL;
        double floorR = eps * Math.max(valuesRight[0], 0) + Double.MIN_NORMAL;
        for (int i = 0; i < r; i++) {
            double li = Math.pow(Math.max(valuesLeft[i], 0) + floorL, -0.25);
            for (int j = 0; j < c; j++) {
                out[off + i * stride + j] *= li * Math.pow(Math.max(valuesRight[j], 0) + floorR, -0.25);
            }
        }
        rotate(out, off, out, true);
    }
}
