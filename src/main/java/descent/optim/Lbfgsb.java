package descent.optim;

import descent.tensor.ParamLayout;

/**
 * L-BFGS-B (Byrd, Lu, Nocedal and Zhu 1995; version 3.0 of Morales and Nocedal 2011), the
 * algorithm of SciPy's {@code minimize(method='L-BFGS-B')}, with its defaults and its tests. Each
 * iteration:
 * <ol>
 * <li>finds the generalized Cauchy point {@code x_cp} of the quadratic model on the box
 * ({@link CauchyPoint}), which fixes the variables it pushes onto a bound (skipped for an
 * unbounded problem once the memory holds a pair);</li>
 * <li>minimizes the model over the remaining free variables from {@code x_cp} (direct primal
 * subspace minimization through the compact form, {@link CompactMemory#formK}), projects the
 * result onto the box, and if the projected step is not a descent direction backtracks to the
 * largest feasible fraction of it instead;</li>
 * <li>searches along {@code d = z - x} with the Moré–Thuente search ({@code ftol = 1e-3},
 * {@code gtol = 0.9}, {@code xtol = 0.1}, at most {@code maxls} evaluations), starting from the
 * unit step, or from {@code min(1 / |d|, 1)} on the first iteration, and never beyond the box;</li>
 * <li>stores the pair unless {@code s'y <= eps (-g's)}.</li>
 * </ol>
 * It stops when the projected gradient's infinity norm is at most {@code pgtol} or an iteration
 * reduces {@code f} by at most {@code factr * eps} relatively ({@link Stop#projectedGradient},
 * {@link Stop#functionDecrease}). A failed line search, a direction that is not downhill or a
 * singular middle matrix clears the memory and restarts the iteration from steepest descent; a
 * failure with an empty memory stops the run with {@link Stop.Reason#LINE_SEARCH_FAILED}, at the
 * last good point (SciPy's {@code ABNORMAL_TERMINATION_IN_LNSRCH}).
 */
final class Lbfgsb implements Method {
    private static final double EPS = Math.ulp(1.0);
    private static final double BIG = 1e10;

    private final int memory;
    private final double factr;
    private final double pgtol;
    private final int maxls;
    private final LineSearch lineSearch;

    Lbfgsb(int memory, double factr, double pgtol, int maxls) {
        this.memory = Hyper.checkAtLeast("lbfgsb", "memory", memory, 1);
        this.factr = Hyper.check("lbfgsb", "factr", factr, Hyper.Range.NON_NEGATIVE);
        this.pgtol = Hyper.check("lbfgsb", "pgtol", pgtol, Hyper.Range.NON_NEGATIVE);
        this.maxls = Hyper.checkAtLeast("lbfgsb", "maxls", maxls, 1);
        this.lineSearch = new MoreThuente(1e-3, 0.9, 0.1, maxls);
    }

    @Override
    public String name() {
        return "lbfgsb";
    }

    @Override
    public Stop[] criteria() {
        return new Stop[] {Stop.projectedGradient(pgtol), Stop.functionDecrease(factr * EPS)};
    }

    /** The memory (persistent) and the scratch space of one iteration. */
    private static final class LbfgsbState extends CompactMemory {
        final CauchyPoint cauchy;
        final double[] z;
        final double[] d;
        final double[] r;
        final double[] gNew;
        final double[] xp;
        final double[] wv;
        final int[] free;
        final int[] fixed;
        final Ray ray;
        final boolean constrained;
        final boolean boxed;

        LbfgsbState(int m, int n, Objective f, Bounds b) {
            super(m, n);
            cauchy = new CauchyPoint(n, m);
            z = new double[n];
            d = new double[n];
            r = new double[n];
            gNew = new double[n];
            xp = new double[n];
            wv = new double[2 * m];
            free = new int[n];
            fixed = new int[n];
            ray = new Ray(f, n);
            boolean any = false;
            boolean all = true;
            for (int i = 0; i < n; i++) {
                boolean l = b.lower(i) != Double.NEGATIVE_INFINITY;
                boolean u = b.upper(i) != Double.POSITIVE_INFINITY;
                any |= l || u;
                all &= l && u;
            }
            constrained = any;
            boxed = all;
        }
    }

    @Override
    public State init(ParamLayout layout, Iterate start) {
        return new LbfgsbState(memory, start.dimension(), start::valueAndGrad, start.bounds());
    }

    @Override
    public Stop.Reason step(Iterate it, State state) {
        LbfgsbState st = (LbfgsbState) state;
        Bounds b = it.bounds();
        int n = it.dimension();
        double[] x = it.x();
        double[] g = it.gradient();
        double f = it.value();
        while (true) {
            int col = st.col();
            st.order();
            if (col > 0 && !st.formT()) {
                st.clear();
                continue;
            }
            int nFree;
            int nFixed = 0;
            if (!st.constrained && col > 0) {
                System.arraycopy(x, 0, st.z, 0, n);
                nFree = n;
                for (int i = 0; i < n; i++) {
                    st.free[i] = i;
                    st.r[i] = -g[i];
                }
            } else {
                st.cauchy.baseStates(b, n);
                if (!st.cauchy.compute(x, g, b, st, st.z, b.projectedGradientNorm(x, g))) {
                    st.clear();
                    continue;
                }
                nFree = 0;
                for (int i = 0; i < n; i++) {
                    if (st.cauchy.where[i] <= 0) {
                        st.free[nFree++] = i;
                    } else {
                        st.fixed[nFixed++] = i;
                    }
                }
                if (nFree > 0 && col > 0) {
                    reducedGradient(st, x, g, nFree);
                }
            }
            if (nFree > 0 && col > 0) {
                if (!st.formK(st.free, nFree, st.fixed, nFixed)) {
                    st.clear();
                    continue;
                }
                subspace(st, b, x, g, nFree);
            }
            // line search along d = z - x, within the box
            // with g'd in the same pass, summed as Vec.dot sums it (fused multiply-adds, block partials)
            double dtd = 0;
            double gd0 = 0;
            for (int lo = 0; lo < n; lo += Loop.BLOCK) {
                int hi = Math.min(n, lo + Loop.BLOCK);
                double part = 0;
                for (int i = lo; i < hi; i++) {
                    double di = st.z[i] - x[i];
                    st.d[i] = di;
                    dtd += di * di;
                    part = Math.fma(g[i], di, part);
                }
                gd0 += part;
            }
            double dnorm = Math.sqrt(dtd);
            double stpmx = maxStep(st, b, x, n);
            double stp = st.iterations() == 0 && !st.boxed ? Math.min(1 / dnorm, stpmx) : 1;
            st.ray.reset(x, f, g, st.d, st.z, gd0);
            double gdOld = st.ray.slope0();
            if (!(gdOld < 0)) {
                if (col == 0) {
                    return Stop.Reason.LINE_SEARCH_FAILED;
                }
                st.clear();
                continue;
            }
            double t = stp > 0 ? lineSearch.search(st.ray, stp, stpmx) : 0;
            if (t == 0) {
                if (col == 0) {
                    return Stop.Reason.LINE_SEARCH_FAILED;
                }
                st.clear();
                continue;
            }
            double fNew = st.ray.accept(t, x, st.gNew);
            double gd = st.ray.acceptedSlope(t);
            st.counters[2]++;
            // the pair s = t d, y = gNew - g
            double yty = 0;
            for (int i = 0; i < n; i++) {
                double yi = st.gNew[i] - g[i];
                st.r[i] = yi;
                yty += yi * yi;
            }
            double dr;
            double ddum;
            if (t == 1) {
                dr = gd - gdOld;
                ddum = -gdOld;
            } else {
                dr = (gd - gdOld) * t;
                ddum = -gdOld * t;
            }
            if (dr > EPS * ddum) {
                st.add(t, st.d, st.r, dr, t == 1 ? dtd : t * t * dtd, yty);
            }
            it.moveTo(x, fNew, st.gNew);
            it.stepLength(t);
            return null;
        }
    }

    /**
     * {@code r = -Z'(g + B (x_cp - x))} on the free variables, with
     * {@code B (x_cp - x) = theta (x_cp - x) - W M c}.
     */
    private static void reducedGradient(LbfgsbState st, double[] x, double[] g, int nFree) {
        int col = st.col();
        double theta = st.theta[0];
        double[] v = st.wv;
        double[][] ys = st.yOrdered;
        double[][] ss = st.sOrdered;
        st.bmv(st.cauchy.c, v);
        for (int q = 0; q < nFree; q++) {
            int i = st.free[q];
            double wmc = 0;
            for (int j = 0; j < col; j++) {
                wmc += ys[j][i] * v[j] + theta * ss[j][i] * v[col + j];
            }
            st.r[i] = -theta * (st.z[i] - x[i]) - g[i] + wmc;
        }
    }

    /**
     * The subspace step from the Cauchy point: {@code du = r / theta + Z'W K^-1 W'Z r / theta^2}
     * on the free variables, then projection onto the box, or the backtracking of L-BFGS-B 2.1
     * if the projected point is not downhill from {@code x}.
     */
    private static void subspace(LbfgsbState st, Bounds b, double[] x, double[] g, int nFree) {
        int col = st.col();
        double theta = st.theta[0];
        double[] wv = st.wv;
        double[] r = st.r;
        int[] free = st.free;
        boolean dense = nFree == x.length;
        int j0 = 0;
        if (dense) {
            for (; j0 + 3 < col; j0 += 4) {
                freeDots4(st.yOrdered, st.sOrdered, j0, r, nFree, wv, col, theta);
            }
        }
        for (int j = j0; j < col; j += 2) {
            if (j + 1 < col) {
                freeDots2(st.y(j), st.s(j), st.y(j + 1), st.s(j + 1), r, free, nFree, dense, wv, j, col, theta);
            } else {
                freeDots1(st.y(j), st.s(j), r, free, nFree, dense, wv, j, col, theta);
            }
        }
        st.solveK(wv);
        double[] du = st.xp;
        double[][] ys = st.yOrdered;
        double[][] ss = st.sOrdered;
        if (dense) {
            System.arraycopy(r, 0, du, 0, nFree);
        } else {
            for (int q = 0; q < nFree; q++) {
                du[q] = r[free[q]];
            }
        }
        for (int j = 0; j < col; j++) {
            double[] yj = ys[j];
            double[] sj = ss[j];
            double a = wv[j];
            double c = wv[col + j];
            if (dense) {
                for (int i = 0; i < nFree; i++) {
                    du[i] += yj[i] * a / theta + sj[i] * c;
                }
            } else {
                for (int q = 0; q < nFree; q++) {
                    int i = free[q];
                    du[q] += yj[i] * a / theta + sj[i] * c;
                }
            }
        }
        for (int q = 0; q < nFree; q++) {
            du[q] /= theta;
        }
        double[] z = st.z;
        if (!st.constrained) {
            for (int q = 0; q < nFree; q++) {
                z[free[q]] += du[q];
            }
            return;
        }
        boolean hit = false;
        double[] saved = st.d;
        for (int q = 0; q < nFree; q++) {
            int i = free[q];
            saved[q] = z[i];
            double l = b.lower(i);
            double u = b.upper(i);
            double v = Math.min(Math.max(l, z[i] + du[q]), u);
            if ((v == l && l != Double.NEGATIVE_INFINITY) || (v == u && u != Double.POSITIVE_INFINITY)) {
                hit = true;
            }
            z[i] = v;
        }
        if (!hit) {
            return;
        }
        double ddp = 0;
        for (int i = 0; i < x.length; i++) {
            ddp += (z[i] - x[i]) * g[i];
        }
        if (ddp <= 0) {
            return;
        }
        for (int q = 0; q < nFree; q++) {
            z[st.free[q]] = saved[q];
        }
        double alpha = 1;
        int ibd = -1;
        for (int q = 0; q < nFree; q++) {
            int i = st.free[q];
            double dk = du[q];
            double l = b.lower(i);
            double u = b.upper(i);
            double t = alpha;
            if (dk < 0 && l != Double.NEGATIVE_INFINITY) {
                double gap = l - z[i];
                if (gap >= 0) {
                    t = 0;
                } else if (dk * alpha < gap) {
                    t = gap / dk;
                }
            } else if (dk > 0 && u != Double.POSITIVE_INFINITY) {
                double gap = u - z[i];
                if (gap <= 0) {
                    t = 0;
                } else if (dk * alpha > gap) {
                    t = gap / dk;
                }
            }
            if (t < alpha) {
                alpha = t;
                ibd = q;
            }
        }
        if (alpha < 1 && ibd >= 0) {
            int i = st.free[ibd];
            if (du[ibd] > 0) {
                z[i] = b.upper(i);
                du[ibd] = 0;
            } else if (du[ibd] < 0) {
                z[i] = b.lower(i);
                du[ibd] = 0;
            }
        }
        for (int q = 0; q < nFree; q++) {
            z[st.free[q]] += alpha * du[q];
        }
    }

    /**
     * {@code wv[j] = y_j'Z r} and {@code wv[col + j] = theta s_j'Z r} over the free variables
     * (all of them, in order, when {@code dense}), each sum in index order.
     */
    private static void freeDots1(double[] yj, double[] sj, double[] r, int[] free, int nFree, boolean dense, double[] wv, int j,
            int col, double theta) {
        double a = 0;
        double c = 0;
        for (int q = 0; q < nFree; q++) {
            int i = dense ? q : free[q];
            a += yj[i] * r[i];
            c += sj[i] * r[i];
        }
        wv[j] = a;
        wv[col + j] = theta * c;
    }

    /** {@link #freeDots1} for the pairs {@code j} and {@code j + 1} in one pass (four independent sums). */
    private static void freeDots2(double[] yj, double[] sj, double[] yk, double[] sk, double[] r, int[] free, int nFree, boolean dense,
            double[] wv, int j, int col, double theta) {
        double a = 0;
        double c = 0;
        double a2 = 0;
        double c2 = 0;
        if (dense) {
            for (int i = 0; i < nFree; i++) {
                double ri = r[i];
                a += yj[i] * ri;
                c += sj[i] * ri;
                a2 += yk[i] * ri;
                c2 += sk[i] * ri;
            }
        } else {
            for (int q = 0; q < nFree; q++) {
                int i = free[q];
                double ri = r[i];
                a += yj[i] * ri;
                c += sj[i] * ri;
                a2 += yk[i] * ri;
                c2 += sk[i] * ri;
            }
        }
        wv[j] = a;
        wv[col + j] = theta * c;
        wv[j + 1] = a2;
        wv[col + j + 1] = theta * c2;
    }

    /**
     * {@link #freeDots1} for the pairs {@code j .. j + 3} when every variable is free: eight
     * independent sums in one pass.
     */
    private static void freeDots4(double[][] ys, double[][] ss, int j, double[] r, int n, double[] wv, int col, double theta) {
        double[] y0 = ys[j];
        double[] s0 = ss[j];
        double[] y1 = ys[j + 1];
        double[] s1 = ss[j + 1];
        double[] y2 = ys[j + 2];
        double[] s2 = ss[j + 2];
        double[] y3 = ys[j + 3];
        double[] s3 = ss[j + 3];
        double a0 = 0;
        double c0 = 0;
        double a1 = 0;
        double c1 = 0;
        double a2 = 0;
        double c2 = 0;
        double a3 = 0;
        double c3 = 0;
        for (int i = 0; i < n; i++) {
            double ri = r[i];
            a0 += y0[i] * ri;
            c0 += s0[i] * ri;
            a1 += y1[i] * ri;
            c1 += s1[i] * ri;
            a2 += y2[i] * ri;
            c2 += s2[i] * ri;
            a3 += y3[i] * ri;
            c3 += s3[i] * ri;
        }
        wv[j] = a0;
        wv[col + j] = theta * c0;
        wv[j + 1] = a1;
        wv[col + j + 1] = theta * c1;
        wv[j + 2] = a2;
        wv[col + j + 2] = theta * c2;
        wv[j + 3] = a3;
        wv[col + j + 3] = theta * c3;
    }

    /** The largest step along d that stays in the box (1 on the first iteration of a bounded problem). */
    private static double maxStep(LbfgsbState st, Bounds b, double[] x, int n) {
        double stpmx = BIG;
        if (!st.constrained) {
            return stpmx;
        }
        if (st.iterations() == 0) {
            return 1;
        }
        double[] d = st.d;
        for (int i = 0; i < n; i++) {
            double a1 = d[i];
            double l = b.lower(i);
            double u = b.upper(i);
            if (a1 < 0 && l != Double.NEGATIVE_INFINITY) {
                double a2 = l - x[i];
                if (a2 >= 0) {
                    stpmx = 0;
                } else if (a1 * stpmx < a2) {
                    stpmx = a2 / a1;
                }
            } else if (a1 > 0 && u != Double.POSITIVE_INFINITY) {
                double a2 = u - x[i];
                if (a2 <= 0) {
                    stpmx = 0;
                } else if (a1 * stpmx > a2) {
                    stpmx = a2 / a1;
                }
            }
        }
        return stpmx;
    }

    @Override
    public String toString() {
        return "lbfgsb(memory=" + memory + ", factr=" + factr + ", pgtol=" + pgtol + ", maxls=" + maxls + ")";
    }
}
