package descent.optim;

/**
 * The strong Wolfe line search of Nocedal and Wright (Algorithms 3.5 and 3.6) with the cubic
 * interpolation and safeguards of {@code torch.optim.LBFGS} (see
 * {@link LineSearch#strongWolfe(double, double, int)}).
 */
final class StrongWolfe implements LineSearch {
    private final double c1;
    private final double c2;
    private final int maxIterations;
    private final double toleranceChange;

    StrongWolfe(double c1, double c2, int maxIterations, double toleranceChange) {
        this.c1 = Hyper.check("LineSearch.strongWolfe", "c1", c1, Hyper.Range.UNIT_OPEN);
        this.c2 = Hyper.check("LineSearch.strongWolfe", "c2", c2, Hyper.Range.UNIT_OPEN);
        if (c2 <= c1) {
            throw new IllegalArgumentException("LineSearch.strongWolfe: needs c1 < c2, got c1 = " + c1 + ", c2 = " + c2);
        }
        this.maxIterations = Hyper.checkAtLeast("LineSearch.strongWolfe", "maxIterations", maxIterations, 1);
        this.toleranceChange = toleranceChange;
    }

    /**
     * The minimizer of the cubic interpolating {@code (x1, f1, g1)} and {@code (x2, f2, g2)}
     * (Nocedal and Wright, eq. 3.59), clipped to {@code [lo, hi]}; the midpoint of the interval
     * when the cubic has no minimizer or the data are not finite.
     */
    static double cubic(double x1, double f1, double g1, double x2, double f2, double g2, double lo, double hi) {
        double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
        double d2sq = d1 * d1 - g1 * g2;
        if (d2sq >= 0) {
            double d2 = Math.sqrt(d2sq);
            double m = x1 <= x2 ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
                    : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
            if (!Double.isNaN(m)) {
                return Math.min(Math.max(m, lo), hi);
            }
        }
        return (lo + hi) / 2;
    }

    @Override
    public double search(Ray ray, double initialStep, double maxStep) {
        LineSearch.check("strongWolfe", ray, initialStep);
        double f0 = ray.value0();
        double gtd0 = ray.slope0();
        double dMax = ray.directionMax();
        double t = Math.min(initialStep, maxStep);
        double fNew = ray.value(t);
        double gtdNew = ray.slope();
        double tPrev = 0;
        double fPrev = f0;
        double gtdPrev = gtd0;
        boolean done = false;
        int ls = 0;
        // bracket ends 0 and 1: step, value, slope
        double b0 = 0;
        double b1 = 0;
        double bf0 = 0;
        double bf1 = 0;
        double bg0 = 0;
        double bg1 = 0;
        boolean single = false;
        while (ls < maxIterations) {
            if (fNew > f0 + c1 * t * gtd0 || (ls > 1 && fNew >= fPrev)) {
                b0 = tPrev;
                bf0 = fPrev;
                bg0 = gtdPrev;
                b1 = t;
                bf1 = fNew;
                bg1 = gtdNew;
                break;
            }
            if (Math.abs(gtdNew) <= -c2 * gtd0) {
                single = true;
                done = true;
                break;
            }
            if (gtdNew >= 0) {
                b0 = tPrev;
                bf0 = fPrev;
                bg0 = gtdPrev;
                b1 = t;
                bf1 = fNew;
                bg1 = gtdNew;
                break;
            }
            double minStep = t + 0.01 * (t - tPrev);
            double maxStepHere = Math.min(t * 10, maxStep);
            double previous = t;
            t = cubic(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, minStep, Math.max(minStep, maxStepHere));
            tPrev = previous;
            fPrev = fNew;
            gtdPrev = gtdNew;
            ray.keep();
            fNew = ray.value(t);
            gtdNew = ray.slope();
            ls++;
        }
        if (single) {
            return t;
        }
        if (ls == maxIterations) {
            b0 = 0;
            bf0 = f0;
            b1 = t;
            bf1 = fNew;
            // the zoom does not run: the result is the better of the two ends
            return f0 <= fNew ? 0 : t;
        }
        // the end holding the last evaluation; the other end, if not the origin, is the kept trial
        boolean lastIsLow;
        int low = bf0 <= bf1 ? 0 : 1;
        lastIsLow = low == 1;
        boolean insufficientProgress = false;
        while (!done && ls < maxIterations) {
            if (Math.abs(b1 - b0) * dMax < toleranceChange) {
                break;
            }
            double tc = cubic(b0, bf0, bg0, b1, bf1, bg1, Math.min(b0, b1), Math.max(b0, b1));
            double hi = Math.max(b0, b1);
            double lo = Math.min(b0, b1);
            double eps = 0.1 * (hi - lo);
            if (Math.min(hi - tc, tc - lo) < eps) {
                if (insufficientProgress || tc >= hi || tc <= lo) {
                    tc = Math.abs(tc - hi) < Math.abs(tc - lo) ? hi - eps : lo + eps;
                    insufficientProgress = false;
                } else {
                    insufficientProgress = true;
                }
            } else {
                insufficientProgress = false;
            }
            if (lastIsLow) {
                ray.keep();
            }
            double fc = ray.value(tc);
            double gc = ray.slope();
            ls++;
            double fLow = low == 0 ? bf0 : bf1;
            if (fc > f0 + c1 * tc * gtd0 || fc >= fLow) {
                if (low == 0) {
                    b1 = tc;
                    bf1 = fc;
                    bg1 = gc;
                } else {
                    b0 = tc;
                    bf0 = fc;
                    bg0 = gc;
                }
                int newLow = bf0 <= bf1 ? 0 : 1;
                lastIsLow = newLow != low;
                low = newLow;
            } else {
                if (Math.abs(gc) <= -c2 * gtd0) {
                    done = true;
                } else if (gc * ((low == 0 ? b1 : b0) - (low == 0 ? b0 : b1)) >= 0) {
                    if (low == 0) {
                        b1 = b0;
                        bf1 = bf0;
                        bg1 = bg0;
                    } else {
                        b0 = b1;
                        bf0 = bf1;
                        bg0 = bg1;
                    }
                }
                if (low == 0) {
                    b0 = tc;
                    bf0 = fc;
                    bg0 = gc;
                } else {
                    b1 = tc;
                    bf1 = fc;
                    bg1 = gc;
                }
                lastIsLow = true;
            }
        }
        return low == 0 ? b0 : b1;
    }

    @Override
    public String toString() {
        return "strongWolfe(c1=" + c1 + ", c2=" + c2 + ")";
    }
}
