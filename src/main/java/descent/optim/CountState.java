package descent.optim;

/** The state of a transform that only counts its updates (to evaluate its schedules). */
final class CountState extends State {
    final long[] count;

    CountState(String kind) {
        super(kind);
        count = longs("count", 1);
    }
}
