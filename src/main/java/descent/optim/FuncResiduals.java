package descent.optim;

import descent.ad.AD;
import descent.ad.Func;
import descent.tensor.ParamLayout;
import descent.tensor.Shape;
import descent.tensor.Tensor;

/**
 * A {@link Func} of parameter leaves and data returning residuals, as a
 * {@link ResidualObjective}: residuals by the function itself, {@code J v} by {@code AD.jvp},
 * {@code J^T u} by {@code AD.vjp}, each compiled once for the data's shapes; value and gradient
 * ({@code 1/2 |r|^2} and {@code J^T r}) by one vjp.
 */
final class FuncResiduals implements ResidualObjective {
    private final Func f;
    private final ParamLayout layout;
    private final Tensor[] data;
    private final int leaves;
    private final Shape[] dataShapes;
    private final Shape outShape;
    private final int m;
    private FuncPlan value;
    private FuncPlan jvp;
    private FuncPlan vjp;

    FuncResiduals(Func f, ParamLayout layout, Tensor[] data) {
        this.f = f;
        this.layout = layout;
        this.data = data.clone();
        this.leaves = layout.leafCount();
        if (f.arity() != leaves + data.length) {
            throw new IllegalArgumentException("ResidualObjective.of: " + f.name() + " takes " + f.arity() + " arguments, but there are "
                    + leaves + " parameter leaves " + layout.paths() + " and " + data.length + " data tensors");
        }
        dataShapes = new Shape[data.length];
        for (int k = 0; k < data.length; k++) {
            dataShapes[k] = data[k].shape();
        }
        value = new FuncPlan(f, FuncPlan.shapes(layout, dataShapes, 1));
        if (value.out.length != 1) {
            throw new IllegalArgumentException("ResidualObjective.of: " + f.name() + " must return one tensor of residuals, it returns "
                    + value.out.length);
        }
        fill(value);
        outShape = value.plan.outputShapes()[0];
        m = outShape.size();
    }

    private void fill(FuncPlan p) {
        for (int k = 0; k < data.length; k++) {
            data[k].copyTo(p.in[leaves + k]);
        }
    }

    @Override
    public int residualCount() {
        return m;
    }

    private void check(String op, double[] x, int n, double[] a, int na) {
        if (x.length != layout.size() || a.length != na) {
            throw new IllegalArgumentException("ResidualObjective." + op + ": got vectors of " + x.length + " and " + a.length
                    + " elements, expected " + layout.size() + " parameters and " + na + (na == m ? " residuals" : " elements"));
        }
    }

    @Override
    public void residuals(double[] x, double[] r) {
        check("residuals", x, layout.size(), r, m);
        value.scatter(layout, x, 0);
        value.run();
        System.arraycopy(value.out[0], 0, r, 0, m);
    }

    private FuncPlan jvpPlan() {
        if (jvp == null) {
            jvp = new FuncPlan(AD.jvp(f), FuncPlan.shapes(layout, dataShapes, 2));
            fill(jvp);
        }
        return jvp;
    }

    private FuncPlan vjpPlan() {
        if (vjp == null) {
            Shape[] primal = FuncPlan.shapes(layout, dataShapes, 1);
            Shape[] shapes = java.util.Arrays.copyOf(primal, primal.length + 1);
            shapes[primal.length] = outShape;
            vjp = new FuncPlan(AD.vjp(f), shapes);
            fill(vjp);
        }
        return vjp;
    }

    @Override
    public void jvp(double[] x, double[] v, double[] out) {
        check("jvp", x, layout.size(), v, layout.size());
        check("jvp", x, layout.size(), out, m);
        FuncPlan p = jvpPlan();
        p.scatter(layout, x, 0);
        p.scatter(layout, v, leaves + data.length);
        p.run();
        System.arraycopy(p.out[1], 0, out, 0, m);
    }

    @Override
    public void vjp(double[] x, double[] u, double[] out) {
        check("vjp", x, layout.size(), u, m);
        check("vjp", x, layout.size(), out, layout.size());
        FuncPlan p = vjpPlan();
        p.scatter(layout, x, 0);
        System.arraycopy(u, 0, p.in[leaves + data.length], 0, m);
        p.run();
        p.gather(layout, 1, out);
    }

    @Override
    public double valueAndGrad(double[] x, double[] grad) {
        check("valueAndGrad", x, layout.size(), grad, layout.size());
        residuals(x, vjpPlan().in[leaves + data.length]);
        FuncPlan p = vjp;
        p.scatter(layout, x, 0);
        p.run();
        p.gather(layout, 1, grad);
        double s = 0;
        for (double r : p.in[leaves + data.length]) {
            s += r * r;
        }
        return 0.5 * s;
    }
}
