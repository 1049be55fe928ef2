package descent.optim;

/**
 * The Moré–Thuente line search (J. J. Moré and D. J. Thuente, ACM TOMS 20(3), 1994), the search of
 * MINPACK-2's {@code dcsrch} that SciPy's L-BFGS-B runs: a sufficient-decrease stage on the
 * auxiliary function {@code psi(t) = phi(t) - phi(0) - ftol t phi'(0)} until a step with
 * {@code psi <= 0} and {@code phi' >= 0} appears, then safeguarded interpolation on
 * {@code phi} itself. Each new trial comes from {@link #step}: cubic and quadratic (secant)
 * minimizers of the interval's end data, chosen by the four cases of the paper. Extrapolation
 * stays within {@code [t + 1.1 (t - t_x), t + 4 (t - t_x)]}; a bracket that fails to shrink by a
 * third in two trials is bisected. Rounding and tolerance warnings accept the current step.
 * A trial where the objective is not finite is halved toward the best step so far.
 */
final class MoreThuente implements LineSearch {
    private static final double XTRAPL = 1.1;
    private static final double XTRAPU = 4.0;

    private final double ftol;
    private final double gtol;
    private final double xtol;
    private final int maxEvaluations;

    MoreThuente(double ftol, double gtol, double xtol, int maxEvaluations) {
        this.ftol = Hyper.check("LineSearch.moreThuente", "ftol", ftol, Hyper.Range.UNIT_OPEN);
        this.gtol = Hyper.check("LineSearch.moreThuente", "gtol", gtol, Hyper.Range.UNIT_OPEN);
        this.xtol = Hyper.check("LineSearch.moreThuente", "xtol", xtol, Hyper.Range.NON_NEGATIVE);
        this.maxEvaluations = Hyper.checkAtLeast("LineSearch.moreThuente", "maxEvaluations", maxEvaluations, 1);
    }

    /** The interval of uncertainty and the new trial of one {@link #step}. */
    private static final class Interval {
        double stx;
        double fx;
        double dx;
        double sty;
        double fy;
        double dy;
        boolean brackt;
    }

    @Override
    public double search(Ray ray, double initialStep, double maxStep) {
        LineSearch.check("moreThuente", ray, initialStep);
        double finit = ray.value0();
        double ginit = ray.slope0();
        double stpmax = maxStep;
        double stpmin = 0;
        double stp = Math.min(initialStep, stpmax);
        double gtest = ftol * ginit;
        double width = stpmax - stpmin;
        double width1 = width / 0.5;
        Interval iv = new Interval();
        iv.stx = 0;
        iv.fx = finit;
        iv.dx = ginit;
        iv.sty = 0;
        iv.fy = finit;
        iv.dy = ginit;
        iv.brackt = false;
        boolean stage1 = true;
        double stmin = 0;
        double stmax = stp + XTRAPU * stp;
        for (int evals = 1; ; evals++) {
            double f = ray.value(stp);
            double g = ray.slope();
            if (Double.isInfinite(f)) {
                if (evals >= maxEvaluations) {
                    return 0;
                }
                iv.brackt = true;
                iv.sty = stp;
                iv.fy = f;
                iv.dy = Double.NaN;
                stp = iv.stx + 0.5 * (stp - iv.stx);
                stmin = Math.min(iv.stx, iv.sty);
                stmax = Math.max(iv.stx, iv.sty);
                continue;
            }
            double ftest = finit + stp * gtest;
            if (stage1 && f <= ftest && g >= 0) {
                stage1 = false;
            }
            if (iv.brackt && (stp <= stmin || stp >= stmax)) {
                return stp;
            }
            if (iv.brackt && stmax - stmin <= xtol * stmax) {
                return stp;
            }
            if (stp == stpmax && f <= ftest && g <= gtest) {
                return stp;
            }
            if (stp == stpmin && (f > ftest || g >= gtest)) {
                return stp;
            }
            if (f <= ftest && Math.abs(g) <= gtol * (-ginit)) {
                return stp;
            }
            if (evals >= maxEvaluations) {
                return 0;
            }
            if (stage1 && f <= iv.fx && f > ftest) {
                double fm = f - stp * gtest;
                double fxm = iv.fx - iv.stx * gtest;
                double fym = iv.fy - iv.sty * gtest;
                double gm = g - gtest;
                double gxm = iv.dx - gtest;
                double gym = iv.dy - gtest;
                iv.fx = fxm;
                iv.fy = fym;
                iv.dx = gxm;
                iv.dy = gym;
                stp = step(iv, stp, fm, gm, stmin, stmax);
                iv.fx = iv.fx + iv.stx * gtest;
                iv.fy = iv.fy + iv.sty * gtest;
                iv.dx = iv.dx + gtest;
                iv.dy = iv.dy + gtest;
            } else {
                stp = step(iv, stp, f, g, stmin, stmax);
            }
            if (iv.brackt) {
                if (Math.abs(iv.sty - iv.stx) >= 0.66 * width1) {
                    stp = iv.stx + 0.5 * (iv.sty - iv.stx);
                }
                width1 = width;
                width = Math.abs(iv.sty - iv.stx);
            }
            if (iv.brackt) {
                stmin = Math.min(iv.stx, iv.sty);
                stmax = Math.max(iv.stx, iv.sty);
            } else {
                stmin = stp + XTRAPL * (stp - iv.stx);
                stmax = stp + XTRAPU * (stp - iv.stx);
            }
            stp = Math.max(stp, stpmin);
            stp = Math.min(stp, stpmax);
            if ((iv.brackt && (stp <= stmin || stp >= stmax)) || (iv.brackt && stmax - stmin <= xtol * stmax)) {
                stp = iv.stx;
            }
        }
    }

    /**
     * One safeguarded step of Moré and Thuente: updates the interval with the trial
     * {@code (stp, fp, dp)} and returns the next trial within {@code [stpmin, stpmax]}.
     */
    static double step(Interval iv, double stp, double fp, double dp, double stpmin, double stpmax) {
        double stx = iv.stx;
        double fx = iv.fx;
        double dx = iv.dx;
        double sty = iv.sty;
        double fy = iv.fy;
        double dy = iv.dy;
        double sgnd = dp * Math.signum(dx);
        double stpf;
        if (fp > fx) {
            // case 1: a higher value; the minimum is bracketed
            double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
            double s = Math.max(Math.abs(theta), Math.max(Math.abs(dx), Math.abs(dp)));
            double gamma = s * Math.sqrt((theta / s) * (theta / s) - (dx / s) * (dp / s));
            if (stp < stx) {
                gamma = -gamma;
            }
            double p = (gamma - dx) + theta;
            double q = ((gamma - dx) + gamma) + dp;
            double r = p / q;
            double stpc = stx + r * (stp - stx);
            double stpq = stx + ((dx / ((fx - fp) / (stp - stx) + dx)) / 2) * (stp - stx);
            stpf = Math.abs(stpc - stx) < Math.abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2;
            iv.brackt = true;
        } else if (sgnd < 0) {
            // case 2: lower value, derivatives of opposite sign; bracketed
            double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
            double s = Math.max(Math.abs(theta), Math.max(Math.abs(dx), Math.abs(dp)));
            double gamma = s * Math.sqrt((theta / s) * (theta / s) - (dx / s) * (dp / s));
            if (stp > stx) {
                gamma = -gamma;
            }
            double p = (gamma - dp) + theta;
            double q = ((gamma - dp) + gamma) + dx;
            double r = p / q;
            double stpc = stp + r * (stx - stp);
            double stpq = stp + (dp / (dp - dx)) * (stx - stp);
            stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
            iv.brackt = true;
        } else if (Math.abs(dp) < Math.abs(dx)) {
            // case 3: lower value, same sign, derivative decreasing in magnitude
            double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
            double s = Math.max(Math.abs(theta), Math.max(Math.abs(dx), Math.abs(dp)));
            double gamma = s * Math.sqrt(Math.max(0, (theta / s) * (theta / s) - (dx / s) * (dp / s)));
            if (stp > stx) {
                gamma = -gamma;
            }
            double p = (gamma - dp) + theta;
            double q = (gamma + (dx - dp)) + gamma;
            double r = p / q;
            double stpc;
            if (r < 0 && gamma != 0) {
                stpc = stp + r * (stx - stp);
            } else if (stp > stx) {
                stpc = stpmax;
            } else {
                stpc = stpmin;
            }
            double stpq = stp + (dp / (dp - dx)) * (stx - stp);
            if (iv.brackt) {
                stpf = Math.abs(stpc - stp) < Math.abs(stpq - stp) ? stpc : stpq;
                if (stp > stx) {
                    stpf = Math.min(stp + 0.66 * (sty - stp), stpf);
                } else {
                    stpf = Math.max(stp + 0.66 * (sty - stp), stpf);
                }
            } else {
                stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
                stpf = Math.min(stpmax, stpf);
                stpf = Math.max(stpmin, stpf);
            }
        } else {
            // case 4: lower value, same sign, derivative not decreasing
            if (iv.brackt) {
                double theta = 3 * (fp - fy) / (sty - stp) + dy + dp;
                double s = Math.max(Math.abs(theta), Math.max(Math.abs(dy), Math.abs(dp)));
                double gamma = s * Math.sqrt((theta / s) * (theta / s) - (dy / s) * (dp / s));
                if (stp > sty) {
                    gamma = -gamma;
                }
                double p = (gamma - dp) + theta;
                double q = ((gamma - dp) + gamma) + dy;
                double r = p / q;
                stpf = stp + r * (sty - stp);
            } else if (stp > stx) {
                stpf = stpmax;
            } else {
                stpf = stpmin;
            }
        }
        if (fp > fx) {
            iv.sty = stp;
            iv.fy = fp;
            iv.dy = dp;
        } else {
            if (sgnd < 0) {
                iv.sty = stx;
                iv.fy = fx;
                iv.dy = dx;
            }
            iv.stx = stp;
            iv.fx = fp;
            iv.dx = dp;
        }
        if (Double.isNaN(stpf)) {
            stpf = iv.brackt ? 0.5 * (iv.stx + iv.sty) : stp;
        }
        return stpf;
    }

    @Override
    public String toString() {
        return "moreThuente(ftol=" + ftol + ", gtol=" + gtol + ", xtol=" + xtol + ")";
    }
}
