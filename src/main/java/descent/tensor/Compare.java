package descent.tensor;


import java.util.EnumMap;
import java.util.Map;

/** Comparisons producing 0/1 masks. Piecewise constant: zero derivative in every mode. */
final class Compare extends BinaryPrimitive {
    private static final Map<BinaryOp, Compare> ALL = new EnumMap<>(BinaryOp.class);

    static {
        for (BinaryOp op : BinaryOp.values()) {
            if (op.isComparison()) {
                ALL.put(op, new Compare(op));
            }
        }
    }

    private Compare(BinaryOp op) {
        super(op);
    }

    /** The comparison primitive for {@code op} (one of LT, LE, GT, GE, EQ, NE). */
    public static Compare of(BinaryOp op) {
        Compare c = ALL.get(op);
        if (c == null) {
            throw new IllegalArgumentException(op + " is not a comparison");
        }
        return c;
    }

    /** Every comparison primitive. */
    public static java.util.Collection<Compare> all() {
        return ALL.values();
    }

    @Override
    public <T extends Ops<T>> T jvp(T[] x, T[] t, T y) {
        return null;
    }

    @Override
    public <T extends Ops<T>> T[] vjp(T[] x, T y, T ct, boolean[] needed) {
        return ct.newArray(2);
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        return Series.constant(y, Series.order(x));
    }
}
