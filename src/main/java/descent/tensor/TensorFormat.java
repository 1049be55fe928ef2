package descent.tensor;

/** Renders tensors as nested bracketed lists, eliding the middle of long axes like NumPy. */
final class TensorFormat {
    private static final int EDGE = 3;
    private static final int ELIDE_ABOVE = 1000;

    private TensorFormat() {
    }

    static String format(Tensor t) {
        double[] d = t.toArray();
        Shape s = t.shape();
        boolean elide = s.size() > ELIDE_ABOVE;
        StringBuilder sb = new StringBuilder();
        if (s.rank() == 0) {
            return number(d[0]);
        }
        append(sb, d, s, 0, 0, elide);
        return sb.toString();
    }

    private static void append(StringBuilder sb, double[] d, Shape s, int axis, int base, boolean elide) {
        int n = s.dim(axis);
        int stride = 1;
        for (int a = axis + 1; a < s.rank(); a++) {
            stride *= s.dim(a);
        }
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (elide && n > 2 * EDGE && i == EDGE) {
                sb.append(axis == s.rank() - 1 ? "..., " : "...,\n" + " ".repeat(axis + 1));
                i = n - EDGE - 1;
                continue;
            }
            if (axis == s.rank() - 1) {
                sb.append(number(d[base + i]));
            } else {
                append(sb, d, s, axis + 1, base + i * stride, elide);
            }
            if (i < n - 1) {
                sb.append(axis == s.rank() - 1 ? ", " : ",\n" + " ".repeat(axis + 1));
            }
        }
        sb.append(']');
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(java.util.Locale.ROOT, "%.1f", v);
        }
        return Double.toString(v);
    }
}
