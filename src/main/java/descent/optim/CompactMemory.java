package descent.optim;

/**
 * The limited memory of L-BFGS-B in compact form (Byrd, Nocedal and Schnabel 1994): the last
 * {@code col <= m} pairs {@code s_i, y_i} (oldest first), their Gram matrices {@code S'S},
 * {@code S'Y}, {@code Y'Y}, and {@code theta}, which give the quasi-Newton matrix
 * <pre>
 * B = theta I - W M W',   W = [Y, theta S],   M = [[-D, L'], [L, theta S'S]]^-1
 * </pre>
 * with {@code D = diag(s_i'y_i)} and {@code L} the strictly lower triangle of {@code S'Y}.
 * {@link #bmv} applies {@code M} through the Cholesky factor of
 * {@code T = theta S'S + L D^-1 L'}; {@link #formK} factors the reduced system
 * {@code K = M^-1 - W'ZZ'W / theta} of the subspace minimization over the free variables
 * {@code Z} by block elimination, its first block negative and its Schur complement positive
 * definite. Everything that persists between iterations is a registered state array.
 */
class CompactMemory extends State {
    final int m;
    final int n;
    final double[][] s;
    final double[][] y;
    final double[] ss;
    final double[] sy;
    final double[] yy;
    final double[] theta = doubles("theta", 1);
    /** Stored pairs, index of the oldest, iterations. */
    final long[] counters = longs("counters", 3);
    private final double[] tfac;
    private final double[] pfac;
    private final double[] a12;
    private final double[] qfac;
    private final double[] work;
    private final double[] work2;
    /** The inner products of a new pair with two stored pairs ({@link Vec#crossDots}). */
    private final double[] dots = new double[8];

    CompactMemory(int m, int n) {
        super("lbfgsb");
        this.m = m;
        this.n = n;
        s = new double[m][];
        y = new double[m][];
        for (int k = 0; k < m; k++) {
            s[k] = doubles("s" + k, n);
            y[k] = doubles("y" + k, n);
        }
        ss = doubles("SS", m * m);
        sy = doubles("SY", m * m);
        yy = doubles("YY", m * m);
        tfac = new double[m * m];
        pfac = new double[m * m];
        a12 = new double[m * m];
        qfac = new double[m * m];
        work = new double[2 * m];
        work2 = new double[2 * m];
        sOrdered = new double[m][];
        yOrdered = new double[m][];
        clear();
    }

    /** Forgets every pair: {@code B = I}. */
    void clear() {
        counters[0] = 0;
        counters[1] = 0;
        theta[0] = 1;
    }

    int col() {
        return (int) counters[0];
    }

    long iterations() {
        return counters[2];
    }

    /** The arrays of the stored pairs, oldest first, for loops that read them element by element. */
    final double[][] sOrdered;
    /** The arrays of {@code y}, oldest first. */
    final double[][] yOrdered;

    /** Refreshes {@link #sOrdered} and {@link #yOrdered} after the memory changed. */
    void order() {
        for (int j = 0; j < col(); j++) {
            sOrdered[j] = s(j);
            yOrdered[j] = y(j);
        }
    }

    /** The array of pair {@code j} (0 the oldest) of {@code s}. */
    double[] s(int j) {
        return s[(int) ((counters[1] + j) % m)];
    }

    /** The array of pair {@code j} of {@code y}. */
    double[] y(int j) {
        return y[(int) ((counters[1] + j) % m)];
    }

    /** Forms and factors {@code T = theta S'S + L D^-1 L'}; false if it is not positive definite. */
    boolean formT() {
        int c = col();
        double th = theta[0];
        for (int i = 0; i < c; i++) {
            for (int j = 0; j <= i; j++) {
                double v = th * ss[i * m + j];
                int k = Math.min(i, j);
                for (int q = 0; q < k; q++) {
                    v += sy[i * m + q] * sy[j * m + q] / sy[q * m + q];
                }
                tfac[i * m + j] = v;
                tfac[j * m + i] = v;
            }
        }
        return Dense.cholesky(tfac, c, m);
    }

    /** Writes {@code M v} (vectors of {@code 2 col}) into {@code out}; {@link #formT} must have succeeded. */
    void bmv(double[] v, double[] out) {
        int c = col();
        for (int i = 0; i < c; i++) {
            double t = v[c + i];
            for (int j = 0; j < i; j++) {
                t += sy[i * m + j] * v[j] / sy[j * m + j];
            }
            out[c + i] = t;
        }
        Dense.choleskySolve(tfac, c, m, out, c);
        for (int i = 0; i < c; i++) {
            double t = -v[i];
            for (int k = i + 1; k < c; k++) {
                t += sy[k * m + i] * out[c + k];
            }
            out[i] = t / sy[i * m + i];
        }
    }

    /**
     * Forms and factors {@code K = M^-1 - W'ZZ'W / theta} for the free variables: {@code free}
     * and {@code fixed} list the free and the fixed indices ({@code nFree + nFixed = n}). Gram
     * sums run over the shorter of the two lists. False if a factor is not definite.
     */
    boolean formK(int[] free, int nFree, int[] fixed, int nFixed) {
        int c = col();
        double th = theta[0];
        boolean overFree = nFree <= nFixed;
        int[] set = overFree ? free : fixed;
        int len = overFree ? nFree : nFixed;
        for (int i = 0; i < c; i++) {
            double[] yi = y(i);
            double[] si = s(i);
            for (int j = 0; j < c; j++) {
                double[] yj = y(j);
                double[] sj = s(j);
                double yzy = 0;
                double yzs = 0;
                double sas = 0;
                for (int q = 0; q < len; q++) {
                    int k = set[q];
                    yzy += yi[k] * yj[k];
                    yzs += yi[k] * sj[k];
                    sas += si[k] * sj[k];
                }
                if (!overFree) {
                    yzy = yy[i * m + j] - yzy;
                    yzs = sy[j * m + i] - yzs;
                } else {
                    sas = ss[i * m + j] - sas;
                }
                // first block: -(D + Y'ZZ'Y / theta), stored negated as P
                pfac[i * m + j] = (i == j ? sy[i * m + i] : 0) + yzy / th;
                // off-diagonal block K12 = L' - Y'ZZ'S
                double lt = j > i ? sy[j * m + i] : 0;
                a12[i * m + j] = lt - yzs;
                // second block: theta S'AA'S
                qfac[i * m + j] = th * sas;
            }
        }
        if (!Dense.cholesky(pfac, c, m)) {
            return false;
        }
        // Q = K22 + K21 P^-1 K12, column by column
        for (int j = 0; j < c; j++) {
            for (int i = 0; i < c; i++) {
                work[i] = a12[i * m + j];
            }
            Dense.choleskySolve(pfac, c, m, work, 0);
            for (int i = 0; i <= j; i++) {
                double t = 0;
                for (int k = 0; k < c; k++) {
                    t += a12[k * m + i] * work[k];
                }
                qfac[j * m + i] = qfac[i * m + j] + t;
            }
        }
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < i; j++) {
                qfac[j * m + i] = qfac[i * m + j];
            }
        }
        return Dense.cholesky(qfac, c, m);
    }

    /** Solves {@code K u = v} in place ({@code 2 col} elements) with the factors of {@link #formK}. */
    void solveK(double[] v) {
        int c = col();
        System.arraycopy(v, 0, work, 0, c);
        Dense.choleskySolve(pfac, c, m, work, 0);
        for (int i = 0; i < c; i++) {
            double t = v[c + i];
            for (int k = 0; k < c; k++) {
                t += a12[k * m + i] * work[k];
            }
            work2[i] = t;
        }
        Dense.choleskySolve(qfac, c, m, work2, 0);
        for (int i = 0; i < c; i++) {
            double t = -v[i];
            for (int k = 0; k < c; k++) {
                t += a12[i * m + k] * work2[k];
            }
            work[i] = t;
        }
        Dense.choleskySolve(pfac, c, m, work, 0);
        System.arraycopy(work, 0, v, 0, c);
        System.arraycopy(work2, 0, v, c, c);
    }

    /**
     * Adds the pair {@code s = stp d}, {@code y}, dropping the oldest if the memory is full;
     * {@code sty} and {@code sts} are {@code s'y} and {@code s's} as the line search computed them,
     * and {@code theta = y'y / s'y}.
     */
    void add(double stp, double[] d, double[] yNew, double sty, double sts, double yty) {
        int c = col();
        if (c == m) {
            for (int i = 0; i < m - 1; i++) {
                for (int j = 0; j < m - 1; j++) {
                    ss[i * m + j] = ss[(i + 1) * m + j + 1];
                    sy[i * m + j] = sy[(i + 1) * m + j + 1];
                    yy[i * m + j] = yy[(i + 1) * m + j + 1];
                }
            }
            counters[1] = (counters[1] + 1) % m;
            c = m - 1;
        }
        double[] sNew = s[(int) ((counters[1] + c) % m)];
        double[] yStore = y[(int) ((counters[1] + c) % m)];
        for (int i = 0; i < n; i++) {
            sNew[i] = stp * d[i];
            yStore[i] = yNew[i];
        }
        counters[0] = c + 1;
        for (int j = 0; j < c; j += 2) {
            boolean two = j + 1 < c;
            Vec.crossDots(sNew, yStore, s(j), y(j), two ? s(j + 1) : null, two ? y(j + 1) : null, n, dots);
            for (int k = j; k <= j + (two ? 1 : 0); k++) {
                int o = 4 * (k - j);
                ss[c * m + k] = dots[o];
                ss[k * m + c] = dots[o];
                sy[c * m + k] = dots[o + 1];
                sy[k * m + c] = dots[o + 2];
                yy[c * m + k] = dots[o + 3];
                yy[k * m + c] = dots[o + 3];
            }
        }
        ss[c * m + c] = sts;
        sy[c * m + c] = sty;
        yy[c * m + c] = yty;
        theta[0] = yty / sty;
    }
}
