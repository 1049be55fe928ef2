package descent.stde;

import descent.ad.Func;
import descent.tensor.Value;

import java.util.Arrays;

/** A mixed partial derivative d^alpha u, read exactly off one planned jet (see {@link PartialPlan}). */
final class Partial extends DiffOp {
    private final int[] indices;
    private final PartialPlan plan;

    Partial(int[] indices) {
        super("partial" + Arrays.toString(indices));
        this.indices = indices.clone();
        this.plan = PartialPlan.of(this.indices);
    }

    @Override
    void check(Method m) {
        if (m.kind != Method.Kind.EXACT) {
            throw unsupported(m);
        }
    }

    @Override
    String supported() {
        return "exact";
    }

    @Override
    Value evaluate(Func u, Value[] args, Value key, Method m) {
        Value x = args[0];
        int n = x.shape().dim(0);
        int d = x.shape().dim(1);
        Value[] terms = new Value[plan.order + 1];
        for (int r = 0; r < plan.coordinates.length; r++) {
            int c = plan.coordinates[r];
            if (c >= d) {
                throw new IllegalArgumentException(name() + ": coordinate " + c + " is out of range for points of dimension d = " + d);
            }
            terms[plan.slots[r]] = x.constant(c).oneHot(d).reshape(1, d).broadcastTo(n, d);
        }
        return Jets.series(u, args, plan.order, terms)[plan.order].div(plan.factor);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Partial && Arrays.equals(((Partial) o).indices, indices);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(indices);
    }
}
