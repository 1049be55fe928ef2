package descent.games;

import descent.finitesum.FiniteSum;
import descent.optim.Objective;

/**
 * A finite-sum game {@code f(x, y) = (1/n) sum_i f_i(x, y)} over {@code z = [x; y]}, whose terms
 * are those of a {@link FiniteSum} over the joint vector: its operator is the mean of the
 * component operators {@code F_i = (grad_x f_i, -grad_y f_i)}, which
 * {@link GameMethods#halpernVarianceReduced} evaluates one component at a time. Any method of
 * {@link GameMethods} runs on it through the full operator.
 */
public final class FiniteSumGame implements Game {
    private final FiniteSum terms;
    private final Objective mean;
    private final int m;
    private final int n;

    FiniteSumGame(FiniteSum terms, int xSize) {
        if (terms == null) {
            throw new IllegalArgumentException("Game.finiteSum: the finite sum is null");
        }
        if (xSize < 1 || xSize >= terms.dimension()) {
            throw new IllegalArgumentException("Game.finiteSum: xSize must be in [1, " + (terms.dimension() - 1)
                    + "] for a sum over " + terms.dimension() + " joint parameters (x and y each need one), got " + xSize);
        }
        this.terms = terms;
        this.mean = terms.objective();
        this.m = xSize;
        this.n = terms.dimension() - xSize;
    }

    @Override
    public int xSize() {
        return m;
    }

    @Override
    public int ySize() {
        return n;
    }

    /** The number of components {@code n}. */
    public int components() {
        return terms.terms();
    }

    /** The terms {@code f_i} over the joint vector. */
    public FiniteSum terms() {
        return terms;
    }

    @Override
    public String name() {
        return "finiteSum(" + terms.terms() + " terms, " + m + " x " + n + ")";
    }

    @Override
    public double valueAndGrad(double[] z, double[] grad) {
        Players.requireJoint(this, z.length, "valueAndGrad");
        return mean.valueAndGrad(z, grad);
    }
}
