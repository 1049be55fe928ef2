package descent.optim;

import descent.curvature.Eigen;

/**
 * The Kronecker factors of Shampoo and SOAP for one matrix block {@code G} of {@code r x c}: the
 * running second moments {@code L = b L + (1 - b) G G'} ({@code r x r}) and
 * {@code R = b R + (1 - b) G'G} ({@code c x c}), their eigendecompositions (refreshed on
 * request), and products with their eigenbases or inverse roots. Matrices are row-major
 * {@code double[]}; the block is read at an offset of the flat vector, its rows {@code stride}
 * apart (the row length of the leaf it is cut from; {@code c} for a whole leaf). A side given
 * arrays of length 0 has no factor: its basis is the identity (SOAP's {@code max_precond_dim}).
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
        for (int i = 0; i < r && qLeft.length > 0; i++) {
            qLeft[i * r + i] = 1;
        }
        for (int i = 0; i < c && qRight.length > 0; i++) {
            qRight[i * c + i] = 1;
        }
    }

    /** {@code L = b L + (1 - b) G G'}, {@code R = b R + (1 - b) G'G} for the block at {@code off} of {@code g}. */
    void accumulate(double[] g, int off, double b) {
        for (int i = 0; i < r && left.length > 0; i++) {
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
        for (int i = 0; i < c && right.length > 0; i++) {
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
        if (m.length == 0) {
            return;
        }
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
        boolean hasLeft = qLeft.length > 0;
        boolean hasRight = qRight.length > 0;
        for (int o = 0; o < r; o++) {
            for (int j = 0; j < c; j++) {
                double s;
                if (hasLeft) {
                    s = 0;
                    for (int i = 0; i < r; i++) {
                        s += (back ? qLeft[i * r + o] : qLeft[o * r + i]) * x[off + i * stride + j];
                    }
                } else {
                    s = x[off + o * stride + j];
                }
                tmp[o * c + j] = s;
            }
        }
        for (int i = 0; i < r; i++) {
            for (int o = 0; o < c; o++) {
                double s;
                if (hasRight) {
                    s = 0;
                    for (int j = 0; j < c; j++) {
                        s += tmp[i * c + j] * (back ? qRight[j * c + o] : qRight[o * c + j]);
                    }
                } else {
                    s = tmp[i * c + o];
                }
                out[off + i * stride + o] = s;
            }
        }
    }

    /**
     * SOAP's refresh of the eigenbases by one step of power iteration: for each factor {@code F}
     * with basis {@code Q}, the columns of {@code Q} are sorted by {@code diag(Q'FQ)} (largest
     * first), the rows ({@code L}) or columns ({@code R}) of the second moment {@code v} (an
     * {@code r x c} block at {@code off}, rows {@code stride} apart) are permuted alike, and
     * {@code Q} becomes the orthogonal factor of the QR decomposition of {@code F Q}.
     */
    void refresh(double[] v, int off) {
        if (left.length > 0) {
            int[] order = sortAndIterate(left, r, qLeft);
            double[] rows = new double[r * c];
            for (int k = 0; k < r; k++) {
                for (int j = 0; j < c; j++) {
                    rows[k * c + j] = v[off + order[k] * stride + j];
                }
            }
            for (int k = 0; k < r; k++) {
                System.arraycopy(rows, k * c, v, off + k * stride, c);
            }
        }
        if (right.length > 0) {
            int[] order = sortAndIterate(right, c, qRight);
            double[] row = new double[c];
            for (int i = 0; i < r; i++) {
                for (int k = 0; k < c; k++) {
                    row[k] = v[off + i * stride + order[k]];
                }
                System.arraycopy(row, 0, v, off + i * stride, c);
            }
        }
    }

    /** Sorts the basis vectors (rows of {@code q}) by Rayleigh quotient, then {@code q = qr(F Q)}; returns the order. */
    private static int[] sortAndIterate(double[] f, int n, double[] q) {
        double[] estimate = new double[n];
        double[] fq = new double[n * n];
        for (int k = 0; k < n; k++) {
            double e = 0;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += f[i * n + j] * q[k * n + j];
                }
                fq[k * n + i] = s;
                e += q[k * n + i] * s;
            }
            estimate[k] = e;
        }
        Integer[] boxed = new Integer[n];
        for (int k = 0; k < n; k++) {
            boxed[k] = k;
        }
        java.util.Arrays.sort(boxed, (a, b) -> Double.compare(estimate[b], estimate[a]));
        int[] order = new int[n];
        double[][] columns = new double[n][];
        for (int k = 0; k < n; k++) {
            order[k] = boxed[k];
            columns[k] = java.util.Arrays.copyOfRange(fq, order[k] * n, order[k] * n + n);
        }
        orthonormalize(columns, q);
        return order;
    }

    /**
     * The orthogonal factor of the Householder QR decomposition of the matrix whose columns are
     * {@code columns}, written as rows into {@code q}; it spans the leading columns even when the
     * matrix is singular.
     */
    private static void orthonormalize(double[][] columns, double[] q) {
        int n = columns.length;
        double[][] a = new double[n][n];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
                a[i][k] = columns[k][i];
            }
        }
        double[][] basis = new double[n][n];
        for (int i = 0; i < n; i++) {
            basis[i][i] = 1;
        }
        double[] h = new double[n];
        for (int k = 0; k < n - 1; k++) {
            double norm = 0;
            for (int i = k; i < n; i++) {
                norm += a[i][k] * a[i][k];
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                continue;
            }
            double alpha = a[k][k] > 0 ? -norm : norm;
            double hh = 0;
            for (int i = k; i < n; i++) {
                h[i] = a[i][k] - (i == k ? alpha : 0);
                hh += h[i] * h[i];
            }
            if (hh == 0) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int i = k; i < n; i++) {
                    s += h[i] * a[i][j];
                }
                s *= 2 / hh;
                for (int i = k; i < n; i++) {
                    a[i][j] -= s * h[i];
                }
            }
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int l = k; l < n; l++) {
                    s += basis[i][l] * h[l];
                }
                s *= 2 / hh;
                for (int l = k; l < n; l++) {
                    basis[i][l] -= s * h[l];
                }
            }
        }
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
                q[k * n + i] = basis[i][k];
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
