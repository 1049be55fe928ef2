package descent.tensor;

/**
 * How values of a traced graph were computed, as far as the graph knows: what a primitive's
 * {@link Primitive#rewrite} rule may look at to replace an application by a cheaper equivalent.
 *
 * @param <T> the kind of value
 */
public interface Provenance<T extends Ops<T>> {
    /** The primitive whose application computed {@code v}, or null for inputs and constants. */
    Primitive producer(T v);

    /** The operands of that application (call only when {@link #producer} is not null). */
    T[] operands(T v);
}
