package descent.tensor;


/**
 * A representative application of a primitive for automatic checking: operand shapes, the interval
 * from which differentiable operands are drawn, fixed values for operands that are not
 * differentiated (indices, masks; null for drawn operands), and whether finite differences of the
 * value should match the derivative rules (false only where the derivative is zero by definition,
 * as for stopGradient).
 */
record Sample(Primitive prim, Shape[] shapes, double lo, double hi, Tensor[] fixed, boolean finiteDifferences) {

    /** A sample whose operands are all drawn from [lo, hi]. */
    public static Sample of(Primitive prim, double lo, double hi, Shape... shapes) {
        return new Sample(prim, shapes, lo, hi, new Tensor[shapes.length], true);
    }

    /** A sample with some fixed (non-differentiated) operands; null entries of {@code fixed} are drawn. */
    public static Sample withFixed(Primitive prim, double lo, double hi, Shape[] shapes, Tensor... fixed) {
        return new Sample(prim, shapes, lo, hi, fixed, true);
    }

    /** This sample, marked as one whose derivative is zero by definition rather than by value. */
    public Sample withoutFiniteDifferences() {
        return new Sample(prim, shapes, lo, hi, fixed, false);
    }

    /** True if operand i is drawn and differentiated. */
    public boolean differentiable(int i) {
        return fixed[i] == null;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(prim.toString()).append('(');
        for (int i = 0; i < shapes.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shapes[i]);
        }
        return sb.append(')').toString();
    }
}
