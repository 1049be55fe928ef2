package descent.ad;

/**
 * What a {@link Func} does when the tensors its body captured (read from outside rather than
 * receiving them as arguments), or the control flow of its body, changed since its plan was
 * compiled. Every call checks this by running the body on shapes alone, which costs about as much
 * as tracing the body without differentiating or compiling it.
 */
public enum CapturePolicy {
    /** Trace and compile again, so the result is always up to date (the default). */
    RETRACE,
    /** Fail with an error that names the captured tensor and says to pass it as an argument. */
    FAIL,
    /**
     * Do not check: captured tensors are frozen into the plan at the first trace, as with
     * {@code jax.jit}. Saves the check for bodies that are expensive to trace.
     */
    FROZEN;

    /** The default, from the system property {@code descent.captures} (retrace, fail or frozen). */
    static CapturePolicy fromSystem() {
        String v = System.getProperty("descent.captures", "retrace");
        try {
            return valueOf(v.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("descent.captures must be retrace, fail or frozen, got '" + v + "'");
        }
    }
}
