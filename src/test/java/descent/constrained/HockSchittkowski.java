package descent.constrained;

import descent.ad.Fn;
import descent.ad.Func;
import descent.optim.HessianObjective;
import descent.tensor.ParamLayout;
import descent.tensor.Params;
import descent.tensor.Tensor;

/**
 * Equality-constrained test problems of Hock and Schittkowski (1981) with their published starts
 * and solutions, written with Descent's operations so gradients and Hessian-vector products come
 * from the AD core.
 */
final class HockSchittkowski {
    final String name;
    final HessianObjective objective;
    final HessianObjective[] equalities;
    final double[] start;
    final double[] solution;
    final double optimum;

    private HockSchittkowski(String name, int n, Fn f, Fn[] cs, double[] start, double[] solution, double optimum) {
        ParamLayout layout = ParamLayout.of(Params.of("x", Tensor.zeros(n)));
        this.name = name;
        this.objective = HessianObjective.of(Func.of(f), layout);
        this.equalities = new HessianObjective[cs.length];
        for (int i = 0; i < cs.length; i++) {
            equalities[i] = HessianObjective.of(Func.of(cs[i]), layout);
        }
        this.start = start;
        this.solution = solution;
        this.optimum = optimum;
    }

    /** {@code min (1 - x1)^2} s.t. {@code 10 (x2 - x1^2) = 0}; x* = (1, 1), f* = 0. */
    static HockSchittkowski hs6() {
        return new HockSchittkowski("HS6", 2, x -> x.index(0, 0).rsub(1).square(),
                new Fn[] {x -> x.index(0, 1).sub(x.index(0, 0).square()).mul(10)}, new double[] {-1.2, 1}, new double[] {1, 1}, 0);
    }

    /** {@code min log(1 + x1^2) - x2} s.t. {@code (1 + x1^2)^2 + x2^2 - 4 = 0}; x* = (0, sqrt 3), f* = -sqrt 3. */
    static HockSchittkowski hs7() {
        return new HockSchittkowski("HS7", 2, x -> x.index(0, 0).square().add(1).log().sub(x.index(0, 1)),
                new Fn[] {x -> x.index(0, 0).square().add(1).square().add(x.index(0, 1).square()).sub(4)}, new double[] {2, 2},
                new double[] {0, Math.sqrt(3)}, -Math.sqrt(3));
    }

    /**
     * {@code min (x1 - x2)^2 + (x2 - x3)^4} s.t. {@code (1 + x2^2) x1 + x3^4 - 3 = 0}; x* = (1, 1, 1),
     * f* = 0, a degenerate minimum (f is quartic in x2 - x3).
     */
    static HockSchittkowski hs26() {
        return new HockSchittkowski("HS26", 3,
                x -> x.index(0, 0).sub(x.index(0, 1)).square().add(x.index(0, 1).sub(x.index(0, 2)).pow(4)),
                new Fn[] {x -> x.index(0, 1).square().add(1).mul(x.index(0, 0)).add(x.index(0, 2).pow(4)).sub(3)},
                new double[] {-2.6, 2, 2}, new double[] {1, 1, 1}, 0);
    }

    /**
     * {@code min -x1} s.t. {@code x2 - x1^3 - x3^2 = 0} and {@code x1^2 - x2 - x4^2 = 0};
     * x* = (1, 1, 0, 0), f* = -1.
     */
    static HockSchittkowski hs39() {
        return new HockSchittkowski("HS39", 4, x -> x.index(0, 0).neg(),
                new Fn[] {x -> x.index(0, 1).sub(x.index(0, 0).pow(3)).sub(x.index(0, 2).square()),
                    x -> x.index(0, 0).square().sub(x.index(0, 1)).sub(x.index(0, 3).square())},
                new double[] {2, 2, 2, 2}, new double[] {1, 1, 0, 0}, -1);
    }

    /** The largest constraint violation {@code max_i |c_i(x)|}. */
    double violation(double[] x) {
        double v = 0;
        for (HessianObjective c : equalities) {
            v = Math.max(v, Math.abs(c.valueAndGrad(x, new double[x.length])));
        }
        return v;
    }

    @Override
    public String toString() {
        return name;
    }
}
