package descent.tensor;

import java.util.List;
import java.util.Objects;

/**
 * Random numbers drawn from a key operand: the keys, shape [..., 2] (a key's two words), give a
 * result of shape [..., s] where s is the draw's shape, one independent draw per key. The result is
 * a pure function of the keys, so the same key gives the same numbers eagerly and in a compiled
 * plan, and a new key per call gives new numbers from the same plan. Not differentiable.
 */
final class RandomDraw extends Primitive {
    /** The distributions of {@link Sampling}. */
    enum Kind { UNIFORM, NORMAL, RADEMACHER, BERNOULLI, RANDINT, GUMBEL, PERMUTATION, CHOICE }

    private final Kind kind;
    private final Shape shape;
    private final double a;
    private final double b;

    /**
     * A draw of {@code shape}; {@code a} and {@code b} are the distribution's parameters (lo and hi,
     * mean and std, p, or n for a permutation or a choice of {@code shape.dim(0)} of n).
     */
    RandomDraw(Kind kind, Shape shape, double a, double b) {
        this.kind = Objects.requireNonNull(kind);
        this.shape = Objects.requireNonNull(shape, "random draw: shape is null");
        this.a = a;
        this.b = b;
        kernel(shape);
    }

    /** The kernel for one key, which also validates the parameters. */
    private Kernel kernel(Shape s) {
        switch (kind) {
            case UNIFORM: return Sampling.uniform(s, a, b);
            case NORMAL: return Sampling.normal(s, a, b);
            case RADEMACHER: return Sampling.rademacher(s);
            case BERNOULLI: return Sampling.bernoulli(a, s);
            case RANDINT: return Sampling.randint(s, (long) a, (long) b);
            case GUMBEL: return Sampling.gumbel(s);
            case PERMUTATION: return Sampling.permutation((int) a);
            case CHOICE: return Sampling.choice((int) a, s.dim(0));
            default: throw new IllegalStateException(kind.toString());
        }
    }

    @Override
    public String name() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + shape;
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public Shape shape(Shape... in) {
        requireKeys(name(), in[0]);
        return keyBatch(in[0]).concat(shape);
    }

    static void requireKeys(String op, Shape keys) {
        if (keys.rank() == 0 || keys.dim(-1) != 2) {
            throw new IllegalArgumentException(op + ": keys must have shape [..., 2] (a key's two words), got " + keys);
        }
    }

    static Shape keyBatch(Shape keys) {
        return Shape.of(java.util.Arrays.copyOf(keys.dims(), keys.rank() - 1));
    }

    @Override
    public boolean foldable() {
        return false;
    }

    @Override
    public Kernel kernel(Shape[] in, Shape out) {
        Kernel one = kernel(shape);
        int rows = keyBatch(in[0]).size();
        if (rows == 1) {
            return one;
        }
        int size = shape.size();
        double[] scratch = new double[size];
        double[][] key = {new double[2]};
        return (i, o) -> {
            for (int r = 0; r < rows; r++) {
                key[0][0] = i[0][2 * r];
                key[0][1] = i[0][2 * r + 1];
                one.run(key, scratch);
                System.arraycopy(scratch, 0, o, r * size, size);
            }
        };
    }

    @Override
    public <T extends Ops<T>> T jvp(T[] x, T[] t, T y) {
        return null;
    }

    @Override
    public <T extends Ops<T>> T[] vjp(T[] x, T y, T ct, boolean[] needed) {
        return ct.newArray(1);
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        return Series.constant(y, Series.order(x));
    }

    /** One draw per key: batched keys are just more keys. */
    @Override
    public <T extends Ops<T>> T batch(T[] x, boolean[] batched, int size) {
        return apply(x[0]);
    }

    @Override
    List<Sample> samples() {
        Tensor keys = Tensor.of(new double[][] {{0, 42}, {7, 4000000000.0}});
        return List.of(
                Sample.withFixed(new RandomDraw(Kind.NORMAL, Shape.of(3), 0, 1), 0, 1, new Shape[] {Shape.of(2)}, Tensor.of(0, 42))
                        .withoutFiniteDifferences(),
                Sample.withFixed(new RandomDraw(Kind.CHOICE, Shape.of(3), 10, 0), 0, 1, new Shape[] {Shape.of(2, 2)}, keys)
                        .withoutFiniteDifferences());
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RandomDraw)) {
            return false;
        }
        RandomDraw d = (RandomDraw) o;
        return d.kind == kind && d.shape.equals(shape) && Double.compare(d.a, a) == 0 && Double.compare(d.b, b) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, shape, a, b);
    }
}
