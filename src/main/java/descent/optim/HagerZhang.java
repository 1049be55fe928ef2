package descent.optim;

/**
 * The Hager–Zhang line search (see {@link LineSearch#hagerZhang(double, double, double, int)}):
 * the bracketing, update and double-secant procedures of W. W. Hager and H. Zhang, "A new
 * conjugate gradient method with guaranteed descent and an efficient line search", SIAM J.
 * Optim. 16 (2005), with their constants {@code theta = 1/2} (bisection), {@code gamma = 0.66}
 * (required shrink of the bracket per secant step) and {@code rho = 5} (bracket expansion). A
 * trial where the objective is not finite is an upper end of the bracket.
 */
final class HagerZhang implements LineSearch {
    private static final double THETA = 0.5;
    private static final double GAMMA = 0.66;
    private static final double RHO = 5;

    private final double delta;
    private final double sigma;
    private final double epsilon;
    private final int maxEvaluations;

    HagerZhang(double delta, double sigma, double epsilon, int maxEvaluations) {
        this.delta = Hyper.check("LineSearch.hagerZhang", "delta", delta, new Hyper.Range(0, true, 0.5, true));
        this.sigma = Hyper.check("LineSearch.hagerZhang", "sigma", sigma, Hyper.Range.UNIT_OPEN);
        if (sigma < delta) {
            throw new IllegalArgumentException("LineSearch.hagerZhang: needs delta <= sigma, got delta = " + delta + ", sigma = " + sigma);
        }
        this.epsilon = Hyper.check("LineSearch.hagerZhang", "epsilon", epsilon, Hyper.Range.NON_NEGATIVE);
        this.maxEvaluations = Hyper.checkAtLeast("LineSearch.hagerZhang", "maxEvaluations", maxEvaluations, 2);
    }

    /** Signals that a trial satisfied the termination conditions. */
    private static final class Found extends RuntimeException {
        final double t;

        Found(double t) {
            super(null, null, false, false);
            this.t = t;
        }
    }

    /** Signals that the budget of evaluations is spent. */
    private static final class Spent extends RuntimeException {
        Spent() {
            super(null, null, false, false);
        }
    }

    /** One search's evaluations and its best acceptable end {@code a}. */
    private final class Search {
        final Ray ray;
        final double f0;
        final double s0;
        final double fMax;
        int evaluations;
        /** The step whose gradient the ray must be able to return if the budget runs out. */
        double best;
        boolean bestIsLast;
        // results of the last evaluation
        double f;
        double s;

        Search(Ray ray) {
            this.ray = ray;
            f0 = ray.value0();
            s0 = ray.slope0();
            fMax = f0 + epsilon * Math.abs(f0);
        }

        /** Evaluates phi and phi' at {@code t}, stopping the search if the conditions hold. */
        void eval(double t) {
            if (evaluations >= maxEvaluations) {
                throw new Spent();
            }
            if (bestIsLast) {
                ray.keep();
                bestIsLast = false;
            }
            f = ray.value(t);
            s = Double.isInfinite(f) ? Double.POSITIVE_INFINITY : ray.slope();
            evaluations++;
            if (Double.isFinite(f)) {
                boolean wolfe = f - f0 <= delta * t * s0 && s >= sigma * s0;
                boolean approximate = (2 * delta - 1) * s0 >= s && s >= sigma * s0 && f <= fMax;
                if (wolfe || approximate) {
                    throw new Found(t);
                }
            }
        }

        /** Records {@code t}, just evaluated and an acceptable lower end, as the step to return if the budget runs out. */
        void lower(double t) {
            best = t;
            bestIsLast = true;
        }
    }

    /** Value and slope at the ends of a bracket. */
    private static final class Bracket {
        double a;
        double fa;
        double sa;
        double b;
        double fb;
        double sb;

        void set(double a, double fa, double sa, double b, double fb, double sb) {
            this.a = a;
            this.fa = fa;
            this.sa = sa;
            this.b = b;
            this.fb = fb;
            this.sb = sb;
        }
    }

    @Override
    public double search(Ray ray, double initialStep, double maxStep) {
        LineSearch.check("hagerZhang", ray, initialStep);
        Search q = new Search(ray);
        try {
            Bracket br = bracket(q, Math.min(initialStep, maxStep), maxStep);
            while (true) {
                double width = br.b - br.a;
                secant2(q, br);
                if (br.b - br.a > GAMMA * width) {
                    double c = 0.5 * (br.a + br.b);
                    q.eval(c);
                    update(q, br, c, q.f, q.s);
                }
                if (!(br.b - br.a > 0)) {
                    return q.best;
                }
            }
        } catch (Found found) {
            return found.t;
        } catch (Spent spent) {
            return q.best;
        }
    }

    /** The initial bracket [a, b]: a with phi' < 0 and phi(a) within the tolerance, b with phi' >= 0. */
    private Bracket bracket(Search q, double c, double maxStep) {
        Bracket br = new Bracket();
        double a = 0;
        double fa = q.f0;
        double sa = q.s0;
        while (true) {
            q.eval(c);
            if (q.s >= 0) {
                br.set(a, fa, sa, c, q.f, q.s);
                return br;
            }
            if (q.f > q.fMax) {
                br.set(0, q.f0, q.s0, c, q.f, q.s);
                bisect(q, br);
                return br;
            }
            a = c;
            fa = q.f;
            sa = q.s;
            q.lower(c);
            if (c >= maxStep) {
                throw new Found(c);
            }
            c = Math.min(RHO * c, maxStep);
        }
    }

    /** Step U3: bisection of [a, b] until the lower end is acceptable and the upper end has phi' >= 0. */
    private void bisect(Search q, Bracket br) {
        while (true) {
            double d = (1 - THETA) * br.a + THETA * br.b;
            q.eval(d);
            if (q.s >= 0) {
                br.b = d;
                br.fb = q.f;
                br.sb = q.s;
                return;
            }
            if (q.f <= q.fMax) {
                br.a = d;
                br.fa = q.f;
                br.sa = q.s;
                q.lower(d);
            } else {
                br.b = d;
                br.fb = q.f;
                br.sb = q.s;
            }
        }
    }

    /** The update of the bracket with the evaluated point {@code c} (steps U0 to U3). */
    private void update(Search q, Bracket br, double c, double fc, double sc) {
        if (!(c > br.a && c < br.b)) {
            return;
        }
        if (sc >= 0) {
            br.b = c;
            br.fb = fc;
            br.sb = sc;
        } else if (fc <= q.fMax) {
            br.a = c;
            br.fa = fc;
            br.sa = sc;
            q.lower(c);
        } else {
            br.b = c;
            br.fb = fc;
            br.sb = sc;
            bisect(q, br);
        }
    }

    private static double secant(double a, double sa, double b, double sb) {
        return (a * sb - b * sa) / (sb - sa);
    }

    /** The double secant step S1 to S4. */
    private void secant2(Search q, Bracket br) {
        double a = br.a;
        double sa = br.sa;
        double b = br.b;
        double sb = br.sb;
        double c = secant(a, sa, b, sb);
        if (!(c > a && c < b)) {
            return;
        }
        q.eval(c);
        update(q, br, c, q.f, q.s);
        double cBar;
        if (c == br.b) {
            cBar = secant(b, sb, br.b, br.sb);
        } else if (c == br.a) {
            cBar = secant(a, sa, br.a, br.sa);
        } else {
            return;
        }
        if (cBar > br.a && cBar < br.b) {
            q.eval(cBar);
            update(q, br, cBar, q.f, q.s);
        }
    }

    @Override
    public String toString() {
        return "hagerZhang(delta=" + delta + ", sigma=" + sigma + ", epsilon=" + epsilon + ")";
    }
}
