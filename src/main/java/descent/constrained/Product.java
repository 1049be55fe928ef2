package descent.constrained;

/**
 * The Cartesian product {@code C_1 x ... x C_k} of sets acting on consecutive slices of the
 * vector (for example one set per parameter leaf): projection and LMO act slice by slice.
 */
final class Product implements ConvexSet {
    private final ConvexSet[] sets;
    private final int[] lengths;
    private final int total;

    Product(ConvexSet[] sets, int[] lengths) {
        if (sets == null || lengths == null || sets.length != lengths.length || sets.length == 0) {
            throw new IllegalArgumentException("Sets.product: needs as many lengths as sets, at least one of each");
        }
        int t = 0;
        for (int i = 0; i < sets.length; i++) {
            if (sets[i] == null) {
                throw new IllegalArgumentException("Sets.product: set " + i + " is null");
            }
            if (lengths[i] < 0) {
                throw new IllegalArgumentException("Sets.product: length " + i + " is negative: " + lengths[i]);
            }
            Arg.dimension(sets[i], sets[i].dimension(), lengths[i]);
            t += lengths[i];
        }
        this.sets = sets.clone();
        this.lengths = lengths.clone();
        this.total = t;
    }

    @Override
    public String name() {
        StringBuilder sb = new StringBuilder("product(");
        for (int i = 0; i < sets.length; i++) {
            sb.append(i > 0 ? ", " : "").append(sets[i].name()).append('[').append(lengths[i]).append(']');
        }
        return sb.append(')').toString();
    }

    @Override
    public int dimension() {
        return total;
    }

    @Override
    public void project(double[] x, int offset, int length) {
        Arg.dimension(this, total, length);
        int at = offset;
        for (int i = 0; i < sets.length; i++) {
            sets[i].project(x, at, lengths[i]);
            at += lengths[i];
        }
    }

    @Override
    public boolean contains(double[] x, int offset, int length, double tolerance) {
        Arg.dimension(this, total, length);
        int at = offset;
        for (int i = 0; i < sets.length; i++) {
            if (!sets[i].contains(x, at, lengths[i], tolerance)) {
                return false;
            }
            at += lengths[i];
        }
        return true;
    }

    @Override
    public boolean hasLmo() {
        for (ConvexSet s : sets) {
            if (!s.hasLmo()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void lmo(double[] g, double[] s, int offset, int length) {
        Arg.dimension(this, total, length);
        int at = offset;
        for (int i = 0; i < sets.length; i++) {
            sets[i].lmo(g, s, at, lengths[i]);
            at += lengths[i];
        }
    }
}
