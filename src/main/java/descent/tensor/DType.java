package descent.tensor;

/**
 * Element type of a {@link Tensor}. Every kernel in this release computes in IEEE-754 binary64;
 * the type is carried as a property so that narrower types can be added without changing callers.
 */
public enum DType {
    /** 64-bit IEEE-754 floating point ({@code double}). */
    FLOAT64(8);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }
}
