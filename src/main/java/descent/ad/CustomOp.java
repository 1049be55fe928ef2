package descent.ad;

import descent.ad.core.Primitive;
import descent.ad.core.Sample;
import descent.ad.core.Series;
import descent.ad.core.Value;
import descent.tensor.Kernel;
import descent.tensor.Shape;
import descent.tensor.Tensor;

import java.util.List;
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
            return shapeRule.apply(in);
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
                    x[i] = Tensor.wrap(bufs[i].clone(), in[i]);
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

        @Override
        public Value jvp(Value[] x, Value[] tangents, Value y) {
            if (jvpRule == null) {
                throw missing("forward-mode (jvp)", "jvp");
            }
            Value[] t = new Value[tangents.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = tangents[i] != null ? tangents[i] : Value.zeros(x[i].shape());
            }
            return jvpRule.apply(x, t, y);
        }

        @Override
        public Value[] vjp(Value[] x, Value y, Value ct, boolean[] needed) {
            if (vjpRule == null) {
                throw missing("reverse-mode (vjp)", "vjp");
            }
            Value[] r = vjpRule.apply(x, y, ct);
            if (r == null || r.length != x.length) {
                throw new IllegalStateException("custom op '" + name + "': vjp rule must return " + x.length + " cotangent(s)");
            }
            return r;
        }

        @Override
        public Value[] taylor(Value[][] x, Value y) {
            if (taylorRule != null) {
                return taylorRule.apply(x, y);
            }
            if (Series.order(x) == 1 && jvpRule != null) {
                Value[] x0 = new Value[x.length];
                Value[] x1 = new Value[x.length];
                for (int i = 0; i < x.length; i++) {
                    x0[i] = x[i][0];
                    x1[i] = x[i][1];
                }
                return new Value[] {y, jvp(x0, x1, y)};
            }
            throw missing("Taylor-mode (jets of order " + Series.order(x) + ")", "taylor");
        }

        @Override
        public List<Sample> samples() {
            return List.of();
        }
    }
}
