package descent.pinn;

import descent.tensor.Value;

import java.util.function.UnaryOperator;

/** Activation functions of the hidden layers, all smooth so every derivative order exists. */
public enum Activation {
    /** tanh(x) */
    TANH(Value::tanh),
    /** sin(x) */
    SIN(Value::sin),
    /** x sigmoid(x) */
    SILU(Value::silu),
    /** x Phi(x) = x (1 + erf(x / sqrt 2)) / 2, the exact GELU */
    GELU(x -> x.mul(x.mul(1 / Math.sqrt(2)).erf().add(1)).mul(0.5));

    private final UnaryOperator<Value> f;

    Activation(UnaryOperator<Value> f) {
        this.f = f;
    }

    /** The activation applied elementwise. */
    public Value apply(Value x) {
        return f.apply(x);
    }
}
