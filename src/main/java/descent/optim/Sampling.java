package descent.optim;

/** How {@link Minimize} draws mini-batches of example indices. */
public enum Sampling {
    /**
     * Random reshuffling: each epoch is a fresh random permutation of the examples, cut into
     * consecutive batches; the examples left over when fewer than a batch remain wait for the
     * next epoch's permutation.
     */
    WITHOUT_REPLACEMENT,
    /** Every index of every batch uniform and independent. */
    WITH_REPLACEMENT
}
