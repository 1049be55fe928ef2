package descent.tensor;


/** Hyperbolic cosine. Taylor: advanced together with sinh. */
final class Cosh extends UnaryPrimitive {
    /** The primitive. */
    public static final Cosh INSTANCE = new Cosh();

    private Cosh() {
        super(UnaryOp.COSH);
    }

    @Override
    <T extends Ops<T>> T derivative(T x, T y) {
        return x.sinh();
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        return Sinh.sinhCosh(x[0], x[0][0].sinh(), y)[1];
    }
}
