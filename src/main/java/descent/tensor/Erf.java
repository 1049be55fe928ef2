package descent.tensor;


/** Error function. Taylor: y' = (2/sqrt(pi)) e^{-x^2} x', with e^{-x^2} expanded by the exp rule. */
final class Erf extends UnaryPrimitive {
    /** The primitive. */
    public static final Erf INSTANCE = new Erf();
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private Erf() {
        super(UnaryOp.ERF);
    }

    @Override
    <T extends Ops<T>> T derivative(T x, T y) {
        return x.square().neg().exp().mul(TWO_OVER_SQRT_PI);
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        int order = Series.order(x);
        T[] u = y.newArray(order + 1);
        for (int k = 0; k <= order; k++) {
            u[k] = Series.neg(Series.cauchyTerm(x[0], x[0], k));
        }
        T[] e = Exp.INSTANCE.taylor(Series.single(u), u[0].exp());
        T[] g = y.newArray(order + 1);
        for (int k = 0; k <= order; k++) {
            g[k] = Series.scale(e[k], TWO_OVER_SQRT_PI);
        }
        return Series.integrate(y, x[0], g);
    }
}
