package descent.optim;

/**
 * The generalized Cauchy point of L-BFGS-B (Byrd, Lu, Nocedal and Zhu 1995, Algorithm CP): the
 * first local minimizer of the quadratic model {@code m(x) = g'(x - x_k) + 1/2 (x - x_k)' B (x - x_k)}
 * along the projected steepest-descent path {@code P(x_k - t g)}, found by visiting the path's
 * breakpoints in increasing order (from a heap, so only the visited ones are sorted) and
 * updating the model's first and second derivatives {@code f1, f2} on each segment through the
 * compact form of {@code B}. It also marks which variables the point fixes at a bound and
 * accumulates {@code c = W'(x_cp - x_k)} for the subspace step.
 */
final class CauchyPoint {
    /** Variable states: free and unbounded, free, fixed at its lower or upper bound, always fixed (l = u). */
    static final int UNBOUNDED = -1;
    static final int FREE = 0;
    static final int AT_LOWER = 1;
    static final int AT_UPPER = 2;
    static final int FIXED = 3;
    /** Free with a zero gradient. */
    static final int ZERO_GRADIENT = -3;

    private static final double EPS = Math.ulp(1.0);

    final int[] where;
    final double[] d;
    final double[] p;
    final double[] c;
    private final double[] v;
    private final double[] wbp;
    private final double[] heapT;
    private final int[] heapI;
    int segments;

    CauchyPoint(int n, int m) {
        where = new int[n];
        d = new double[n];
        p = new double[2 * m];
        c = new double[2 * m];
        v = new double[2 * m];
        wbp = new double[2 * m];
        heapT = new double[n];
        heapI = new int[n];
    }

    /**
     * The base state of each variable from its bounds: unbounded, always fixed, or free (the
     * Cauchy search then refines it).
     */
    void baseStates(Bounds b, int n) {
        for (int i = 0; i < n; i++) {
            double l = b.lower(i);
            double u = b.upper(i);
            boolean hasL = l != Double.NEGATIVE_INFINITY;
            boolean hasU = u != Double.POSITIVE_INFINITY;
            if (!hasL && !hasU) {
                where[i] = UNBOUNDED;
            } else if (hasL && hasU && u - l <= 0) {
                where[i] = FIXED;
            } else {
                where[i] = FREE;
            }
        }
    }

    /**
     * Computes the Cauchy point from {@code x} with gradient {@code g} into {@code xcp}. Returns
     * false if the memory's middle matrix cannot be applied (the caller then clears the memory).
     */
    boolean compute(double[] x, double[] g, Bounds b, CompactMemory mem, double[] xcp, double projectedGradient) {
        int n = x.length;
        int col = mem.col();
        double theta = mem.theta[0];
        System.arraycopy(x, 0, xcp, 0, n);
        java.util.Arrays.fill(c, 0, 2 * col, 0.0);
        segments = 0;
        if (projectedGradient <= 0) {
            return true;
        }
        java.util.Arrays.fill(p, 0, 2 * col, 0.0);
        double f1 = 0;
        int nbreak = 0;
        boolean freeLeft = false;
        boolean bounded = true;
        for (int i = 0; i < n; i++) {
            double neg = -g[i];
            double l = b.lower(i);
            double u = b.upper(i);
            boolean hasL = l != Double.NEGATIVE_INFINITY;
            boolean hasU = u != Double.POSITIVE_INFINITY;
            double tl = 0;
            double tu = 0;
            if (where[i] != FIXED && where[i] != UNBOUNDED) {
                if (hasL) {
                    tl = x[i] - l;
                }
                if (hasU) {
                    tu = u - x[i];
                }
                boolean xlower = hasL && tl <= 0;
                boolean xupper = hasU && tu <= 0;
                where[i] = FREE;
                if (xlower) {
                    if (neg <= 0) {
                        where[i] = AT_LOWER;
                    }
                } else if (xupper) {
                    if (neg >= 0) {
                        where[i] = AT_UPPER;
                    }
                } else if (Math.abs(neg) <= 0) {
                    where[i] = ZERO_GRADIENT;
                }
            }
            if (where[i] != FREE && where[i] != UNBOUNDED) {
                d[i] = 0;
                continue;
            }
            d[i] = neg;
            f1 -= neg * neg;
            for (int j = 0; j < col; j++) {
                p[j] += mem.yOrdered[j][i] * neg;
                p[col + j] += mem.sOrdered[j][i] * neg;
            }
            if (hasL && neg < 0) {
                heapT[nbreak] = tl / -neg;
                heapI[nbreak] = i;
                nbreak++;
            } else if (hasU && neg > 0) {
                heapT[nbreak] = tu / neg;
                heapI[nbreak] = i;
                nbreak++;
            } else {
                freeLeft = true;
                if (Math.abs(neg) > 0) {
                    bounded = false;
                }
            }
        }
        for (int j = 0; j < col; j++) {
            p[col + j] *= theta;
        }
        if (nbreak == 0 && !freeLeft) {
            return true;
        }
        double f2 = -theta * f1;
        double f2org = f2;
        if (col > 0) {
            mem.bmv(p, v);
            double vp = 0;
            for (int j = 0; j < 2 * col; j++) {
                vp += v[j] * p[j];
            }
            if (!Double.isFinite(vp)) {
                return false;
            }
            f2 -= vp;
        }
        double dtm = -f1 / f2;
        double tsum = 0;
        segments = 1;
        boolean allFixed = false;
        if (nbreak > 0) {
            heapify(nbreak);
            int left = nbreak;
            double tj = 0;
            while (true) {
                double tj0 = tj;
                tj = heapT[0];
                int ibp = heapI[0];
                double dt = tj - tj0;
                if (dtm < dt) {
                    break;
                }
                pop(left);
                left--;
                tsum += dt;
                double dibp = d[ibp];
                d[ibp] = 0;
                double zibp;
                if (dibp > 0) {
                    zibp = b.upper(ibp) - x[ibp];
                    xcp[ibp] = b.upper(ibp);
                    where[ibp] = AT_UPPER;
                } else {
                    zibp = b.lower(ibp) - x[ibp];
                    xcp[ibp] = b.lower(ibp);
                    where[ibp] = AT_LOWER;
                }
                if (left == 0 && nbreak == n) {
                    dtm = dt;
                    allFixed = true;
                    break;
                }
                segments++;
                double dibp2 = dibp * dibp;
                f1 = f1 + dt * f2 + dibp2 - theta * dibp * zibp;
                f2 -= theta * dibp2;
                if (col > 0) {
                    for (int j = 0; j < 2 * col; j++) {
                        c[j] += dt * p[j];
                    }
                    for (int j = 0; j < col; j++) {
                        wbp[j] = mem.yOrdered[j][ibp];
                        wbp[col + j] = theta * mem.sOrdered[j][ibp];
                    }
                    mem.bmv(wbp, v);
                    double wmc = 0;
                    double wmp = 0;
                    double wmw = 0;
                    for (int j = 0; j < 2 * col; j++) {
                        wmc += v[j] * c[j];
                        wmp += v[j] * p[j];
                        wmw += v[j] * wbp[j];
                    }
                    for (int j = 0; j < 2 * col; j++) {
                        p[j] -= dibp * wbp[j];
                    }
                    f1 += dibp * wmc;
                    f2 += 2.0 * dibp * wmp - dibp2 * wmw;
                }
                f2 = Math.max(EPS * f2org, f2);
                if (left > 0) {
                    dtm = -f1 / f2;
                } else if (bounded) {
                    f1 = 0;
                    f2 = 0;
                    dtm = 0;
                    break;
                } else {
                    dtm = -f1 / f2;
                    break;
                }
            }
        }
        if (!allFixed) {
            if (dtm <= 0) {
                dtm = 0;
            }
            tsum += dtm;
            for (int i = 0; i < n; i++) {
                if (d[i] != 0) {
                    xcp[i] = x[i] + tsum * d[i];
                }
            }
        }
        if (col > 0) {
            for (int j = 0; j < 2 * col; j++) {
                c[j] += dtm * p[j];
            }
        }
        return true;
    }

    private void heapify(int size) {
        for (int i = size / 2 - 1; i >= 0; i--) {
            sift(i, size);
        }
    }

    /** Removes the minimum of a heap of {@code size} elements. */
    private void pop(int size) {
        heapT[0] = heapT[size - 1];
        heapI[0] = heapI[size - 1];
        sift(0, size - 1);
    }

    private void sift(int i, int size) {
        double t = heapT[i];
        int idx = heapI[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && heapT[child + 1] < heapT[child]) {
                child++;
            }
            if (heapT[child] >= t) {
                break;
            }
            heapT[i] = heapT[child];
            heapI[i] = heapI[child];
            i = child;
        }
        heapT[i] = t;
        heapI[i] = idx;
    }
}
