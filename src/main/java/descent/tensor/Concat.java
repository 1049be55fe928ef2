package descent.tensor;


import java.util.List;

/** Joins operands along an existing axis. Linear; its transpose slices the cotangent apart. */
final class Concat extends Primitive {
    private final int axis;

    /** Concatenate along {@code axis} (non-negative). */
    public Concat(int axis) {
        this.axis = axis;
    }

    @Override
    public String name() {
        return "concat[" + axis + "]";
    }

    @Override
    public int arity() {
        return -1;
    }

    @Override
    public Shape shape(Shape... in) {
        return Layout.concatShape(in, axis);
    }

    @Override
    public Kernel kernel(Shape[] in, Shape out) {
        return Layout.concat(in, axis);
    }

    private <T extends Ops<T>> T join(T[] parts, T[] like) {
        boolean any = false;
        T[] p = like[0].newArray(parts.length);
        for (int i = 0; i < p.length; i++) {
            any |= parts[i] != null;
            p[i] = parts[i] != null ? parts[i] : like[i].zerosOf(like[i].shape());
        }
        return any ? applyAll(p) : null;
    }

    @Override
    public <T extends Ops<T>> T jvp(T[] x, T[] t, T y) {
        return join(t, x);
    }

    @Override
    public <T extends Ops<T>> T[] vjp(T[] x, T y, T ct, boolean[] needed) {
        T[] r = ct.newArray(x.length);
        int at = 0;
        for (int i = 0; i < x.length; i++) {
            int len = x[i].shape().dim(axis);
            if (needed[i]) {
                r[i] = ct.slice(axis, at, at + len);
            }
            at += len;
        }
        return r;
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        T[] r = Series.constant(y, Series.order(x));
        T[] like = y.newArray(x.length);
        for (int i = 0; i < x.length; i++) {
            like[i] = x[i][0];
        }
        for (int k = 1; k < r.length; k++) {
            T[] parts = y.newArray(x.length);
            for (int i = 0; i < x.length; i++) {
                parts[i] = x[i][k];
            }
            r[k] = join(parts, like);
        }
        return r;
    }

    @Override
    List<Sample> samples() {
        return List.of(Sample.of(new Concat(0), -1, 1, Shape.of(2, 3), Shape.of(1, 3)),
                Sample.of(new Concat(1), -1, 1, Shape.of(2, 1), Shape.of(2, 2), Shape.of(2, 3)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Concat && ((Concat) o).axis == axis;
    }

    @Override
    public int hashCode() {
        return axis + 17;
    }

    @Override
    public <T extends Ops<T>> T batch(T[] x, boolean[] batched, int size) {
        T[] y = x.clone();
        for (int i = 0; i < x.length; i++) {
            if (!batched[i]) {
                y[i] = Batching.broadcast(x[i], size);
            }
        }
        return new Concat(axis + 1).applyAll(y);
    }
}
