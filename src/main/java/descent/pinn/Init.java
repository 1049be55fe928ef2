package descent.pinn;

import descent.tensor.Key;
import descent.tensor.Random;
import descent.tensor.Shape;
import descent.tensor.Tensor;

/** Initial weights and biases of a dense layer with fan_in inputs and fan_out outputs. */
public enum Init {
    /** Glorot (Xavier) normal: N(0, 2 / (fan_in + fan_out)); biases 0. */
    GLOROT_NORMAL,
    /** Glorot (Xavier) uniform: U(-a, a), a = sqrt(6 / (fan_in + fan_out)); biases 0. */
    GLOROT_UNIFORM,
    /** Kaiming (He) normal for tanh-free nets: N(0, 2 / fan_in); biases 0. */
    KAIMING_NORMAL,
    /** PyTorch's nn.Linear default: weights and biases U(-1/sqrt(fan_in), 1/sqrt(fan_in)). */
    TORCH_DEFAULT,
    /** Haiku's Linear default: truncated normal with standard deviation 1/sqrt(fan_in) (cut at 2 sd); biases 0. */
    LECUN_TRUNCATED,
    /**
     * The STDE paper's code: Haiku's VarianceScaling(1/3, fan_in, uniform) for weights and biases
     * alike. Weights U(-1/sqrt(fan_in), 1/sqrt(fan_in)) as {@link #TORCH_DEFAULT}; biases
     * U(-1/sqrt(fan_out), 1/sqrt(fan_out)), since Haiku takes a vector's length as both its fans
     * (so a single output's bias is U(-1, 1)).
     */
    HAIKU_UNIFORM;

    /** Weights of shape [fanIn, fanOut] from {@code key}. */
    Tensor weights(Key key, int fanIn, int fanOut) {
        Shape s = Shape.of(fanIn, fanOut);
        switch (this) {
            case GLOROT_NORMAL: return Random.normal(key, s, 0, Math.sqrt(2.0 / (fanIn + fanOut)));
            case GLOROT_UNIFORM: {
                double a = Math.sqrt(6.0 / (fanIn + fanOut));
                return Random.uniform(key, s, -a, a);
            }
            case KAIMING_NORMAL: return Random.normal(key, s, 0, Math.sqrt(2.0 / fanIn));
            case TORCH_DEFAULT:
            case HAIKU_UNIFORM: {
                double a = 1 / Math.sqrt(fanIn);
                return Random.uniform(key, s, -a, a);
            }
            default: {
                // N(0, 1) cut at +-2 by redrawing (0.8796 is its standard deviation), scaled to 1/sqrt(fan_in)
                double sd = 1 / Math.sqrt(fanIn) / 0.87962566103423978;
                Key[] keys = key.split(2);
                Tensor z = Random.normal(keys[0], s);
                for (int round = 0; z.abs().gt(2).sum().item() > 0; round++) {
                    z = z.abs().gt(2).where(Random.normal(keys[1].foldIn(round), s), z);
                }
                return z.mul(sd);
            }
        }
    }

    /** Biases of length fanOut. */
    Tensor biases(Key key, int fanIn, int fanOut) {
        if (this == TORCH_DEFAULT) {
            double a = 1 / Math.sqrt(fanIn);
            return Random.uniform(key, Shape.of(fanOut), -a, a);
        }
        if (this == HAIKU_UNIFORM) {
            double a = 1 / Math.sqrt(fanOut);
            return Random.uniform(key, Shape.of(fanOut), -a, a);
        }
        return Tensor.zeros(fanOut);
    }
}
