package descent.pinn.zoo;

import descent.tensor.Ops;

/** The semilinear elliptic equations of the STDE paper's experiments: Laplacian of u plus f(u) = g. */
public enum Equation {
    /** Poisson: f(u) = 0. */
    POISSON,
    /** Allen-Cahn: f(u) = u - u^3. */
    ALLEN_CAHN,
    /** Sine-Gordon: f(u) = sin(u). */
    SINE_GORDON;

    /** f(u). */
    public <T extends Ops<T>> T nonlinearity(T u) {
        switch (this) {
            case POISSON: return u.mul(0);
            case ALLEN_CAHN: return u.sub(u.pow(3));
            default: return u.sin();
        }
    }
}
