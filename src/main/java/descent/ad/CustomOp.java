package descent.ad;

import descent.tensor.Ops;
import descent.tensor.Primitive;
import descent.tensor.Series;
import descent.tensor.Value;
import descent.tensor.Kernel;
import descent.tensor.Shape;
import descent.tensor.Tensor;

import java.util.Arrays;
import java.util.Objects;

/**
 * Builds a user-defined primitive from a concrete evaluation on tensors and the derivative rules
 * you want it to have, written with {@link Value} operations. Use it where the derivative you want
 * is not the derivative of the code that computes the value: straight-through estimators, gradients
 * of implicitly defined functions (a solver's output), or a numerically better formula. Modes
 * without a rule fail with an error naming the op. For full control, extend {@link Primitive}.
 *
 * <pre>{@code
 * Primitive roundSte = CustomOp.named("roundSte")
 *         .eval(x -> x[0].round())
 *         .vjp((x, y, ct) -> new Value[] {ct})       // pass the gradient straight through
 *         .jvp((x, t, y) -> t[0])
 *         .build();
 * Value y = roundSte.apply(x);
 * }</pre>
 */
public final class CustomOp {
    private CustomOp() {
    }

    /** Evaluates the op on concrete operands. */
    @FunctionalInterface
    public interface Eval {
        /** The result for the given operands. */
        Tensor apply(Tensor[] x);
    }

    /** The output shape for given operand shapes. */
    @FunctionalInterface
    public interface ShapeRule {
        /** The output shape; throw IllegalArgumentException for invalid operands. */
        Shape apply(Shape[] in);
    }

    /** Forward-mode rule: the output tangent given operands, their tangents (zeros where absent) and the output. */
    @FunctionalInterface
    public interface JvpRule {
        /** The output tangent, shaped like {@code y}. */
        Value apply(Value[] x, Value[] tangents, Value y);
    }

    /** Reverse-mode rule: operand cotangents given operands, output and output cotangent. */
    @FunctionalInterface
    public interface VjpRule {
        /** One cotangent per operand (null for none), each shaped like its operand. */
        Value[] apply(Value[] x, Value y, Value ct);
    }

    /** Taylor-mode rule over normalized coefficients (see {@link Primitive#taylor}). */
    @FunctionalInterface
    public interface TaylorRule {
        /** Coefficients y_0..y_K given operand coefficients x[i][0..K] (null entries are zero). */
        Value[] apply(Value[][] x, Value y);
    }

    /** Starts building an op with the given name. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /** Collects the parts of a custom op. */
    public static final class Builder {
        private final String name;
        private int arity = 1;
        private Eval eval;
        private ShapeRule shape = in -> in[0];
        private JvpRule jvp;
        private VjpRule vjp;
        private TaylorRule taylor;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Number of operands (default 1). */
        public Builder arity(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("custom op '" + name + "': arity must be at least 1, got " + n);
            }
            this.arity = n;
            return this;
        }

        /** The evaluation (required). */
        public Builder eval(Eval e) {
            this.eval = e;
            return this;
        }

        /** The output shape rule (default: the first operand's shape). */
        public Builder shape(ShapeRule s) {
            this.shape = s;
            return this;
        }

        /** The forward-mode rule. */
        public Builder jvp(JvpRule r) {
            this.jvp = r;
            return this;
        }

        /** The reverse-mode rule. */
        public Builder vjp(VjpRule r) {
            this.vjp = r;
            return this;
        }

        /** The Taylor-mode rule (without it, only first-order jets work, through the jvp rule). */
        public Builder taylor(TaylorRule r) {
            this.taylor = r;
            return this;
        }

        /** The primitive. */
        public Primitive build() {
            if (eval == null) {
                throw new IllegalStateException("custom op '" + name + "': eval(...) is required");
            }
            return new Custom(this);
        }
    }

    private static final class Custom extends Primitive {
        private final String name;
        private final int arity;
        private final Eval eval;
        private final ShapeRule shapeRule;
        private final JvpRule jvpRule;
        private final VjpRule vjpRule;
        private final TaylorRule taylorRule;

        Custom(Builder b) {
            this.name = b.name;
            this.arity = b.arity;
            this.eval = b.eval;
            this.shapeRule = b.shape;
            this.jvpRule = b.jvp;
            this.vjpRule = b.vjp;
            this.taylorRule = b.taylor;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int arity() {
            return arity;
        }

        @Override
        public Shape shape(Shape... in) {
            Shape s = shapeRule.apply(in);
            if (s == null) {
                throw new IllegalStateException("custom op '" + name + "': its shape rule returned null for operand shapes "
                        + java.util.Arrays.toString(in));
            }
            return s;
        }

        @Override
        public boolean foldable() {
            return false;
        }

        @Override
        public Kernel kernel(Shape[] in, Shape out) {
            return (bufs, o) -> {
                Tensor[] x = new Tensor[bufs.length];
                for (int i = 0; i < x.length; i++) {
                    x[i] = Tensor.wrap(Arrays.copyOf(bufs[i], in[i].size()), in[i]);
                }
                Tensor r = eval.apply(x);
                if (r == null || !r.shape().equals(out)) {
                    throw new IllegalStateException("custom op '" + name + "': eval returned shape "
                            + (r == null ? "null" : r.shape()) + " but its shape rule says " + out);
                }
                r.copyTo(o);
            };
        }

        private UnsupportedOperationException missing(String mode, String method) {
            return new UnsupportedOperationException("custom op '" + name + "' has no " + mode + " rule; give one with CustomOp."
                    + method + "(...)");
        }

        /** Rules are written over traced values; Descent only ever calls them with those. */
        private static Value[] values(Object[] x) {
            Value[] v = new Value[x.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = (Value) x[i];
            }
            return v;
        }

        @SuppressWarnings("unchecked")
        private static <T extends Ops<T>> T typed(Value v) {
            return (T) v;
        }

        private <T extends Ops<T>> T[] typedArray(T like, Value[] r) {
            T[] out = like.newArray(r.length);
            for (int i = 0; i < r.length; i++) {
                out[i] = typed(r[i]);
            }
            return out;
        }

        private void checkShape(Value v, Shape expected, String what) {
            if (v != null && !v.shape().equals(expected)) {
                throw new IllegalStateException("custom op '" + name + "': " + what + " has shape " + v.shape()
                        + " but must have shape " + expected);
            }
        }

        @Override
        public <T extends Ops<T>> T jvp(T[] x, T[] tangents, T y) {
            if (jvpRule == null) {
                throw missing("forward-mode (jvp)", "jvp");
            }
            Value[] xs = values(x);
            Value[] t = new Value[tangents.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = tangents[i] != null ? (Value) tangents[i] : xs[i].zerosOf(xs[i].shape());
            }
            Value r = jvpRule.apply(xs, t, (Value) y);
            checkShape(r, y.shape(), "the jvp rule's tangent");
            return typed(r);
        }

        @Override
        public <T extends Ops<T>> T[] vjp(T[] x, T y, T ct, boolean[] needed) {
            if (vjpRule == null) {
                throw missing("reverse-mode (vjp)", "vjp");
            }
            Value[] r = vjpRule.apply(values(x), (Value) y, (Value) ct);
            if (r == null || r.length != x.length) {
                throw new IllegalStateException("custom op '" + name + "': the vjp rule must return " + x.length
                        + " cotangent(s), returned " + (r == null ? "null" : String.valueOf(r.length)));
            }
            for (int i = 0; i < r.length; i++) {
                checkShape(r[i], x[i].shape(), "the vjp rule's cotangent " + i);
            }
            return typedArray(ct, r);
        }

        @Override
        public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
            int order = x[0].length - 1;
            if (taylorRule != null) {
                Value[][] xs = new Value[x.length][];
                for (int i = 0; i < x.length; i++) {
                    xs[i] = values(x[i]);
                }
                Value[] r = taylorRule.apply(xs, (Value) y);
                if (r == null || r.length != order + 1) {
                    throw new IllegalStateException("custom op '" + name + "': the Taylor rule must return " + (order + 1)
                            + " coefficients, returned " + (r == null ? "null" : String.valueOf(r.length)));
                }
                for (int k = 0; k < r.length; k++) {
                    checkShape(r[k], y.shape(), "the Taylor rule's coefficient " + k);
                }
                return typedArray(y, r);
            }
            if (order == 1 && jvpRule != null) {
                T[] x0 = y.newArray(x.length);
                T[] x1 = y.newArray(x.length);
                for (int i = 0; i < x.length; i++) {
                    x0[i] = x[i][0];
                    x1[i] = x[i][1];
                }
                return Series.of(y, y, jvp(x0, x1, y));
            }
            throw missing("Taylor-mode (jets of order " + order + ")", "taylor");
        }
    }
}
