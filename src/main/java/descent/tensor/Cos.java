package descent.tensor;


/** Cosine. Taylor: advanced together with sine. */
final class Cos extends UnaryPrimitive {
    /** The primitive. */
    public static final Cos INSTANCE = new Cos();

    private Cos() {
        super(UnaryOp.COS);
    }

    @Override
    <T extends Ops<T>> T derivative(T x, T y) {
        return x.sin().neg();
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        return Sin.sinCos(x[0], x[0][0].sin(), y)[1];
    }
}
