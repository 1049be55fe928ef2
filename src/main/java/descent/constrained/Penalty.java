package descent.constrained;

/**
 * A closed convex function {@code h} given by its value and its proximal operator
 * {@code prox_{t h}(v) = argmin_z h(z) + |z - v|^2 / (2 t)}: the nonsmooth part of a composite
 * objective {@code f(x) + h(x)} minimized by proximal gradient methods. {@link Penalties} is the
 * catalogue.
 */
public interface Penalty {
    /** The penalty's name for messages, for example {@code "l1(0.1)"}. */
    String name();

    /** {@code h(x)}; {@code +inf} outside the domain (for the indicator of a set). */
    double value(double[] x);

    /** Replaces {@code v} by {@code prox_{t h}(v)}, for a step {@code t > 0}. */
    void prox(double[] v, double t);

    /**
     * Writes into {@code out} the gradient of the Moreau envelope
     * {@code e_t h(x) = min_z h(z) + |z - x|^2 / (2 t)}, which is {@code (x - prox_{t h}(x)) / t}
     * and Lipschitz with constant {@code 1 / t}; returns {@code e_t h(x)}.
     */
    default double envelope(double[] x, double t, double[] out) {
        if (!(t > 0)) {
            throw new IllegalArgumentException(name() + ".envelope: the parameter t must be > 0, got " + t);
        }
        System.arraycopy(x, 0, out, 0, x.length);
        prox(out, t);
        double d2 = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - out[i];
            d2 += d * d;
        }
        double e = value(out) + d2 / (2 * t);
        for (int i = 0; i < x.length; i++) {
            out[i] = (x[i] - out[i]) / t;
        }
        return e;
    }
}
