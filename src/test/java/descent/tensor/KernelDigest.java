package descent.tensor;

import descent.ad.AD;
import descent.ad.Compiled;
import descent.ad.Func;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Digests of the output bits of the elementary function loops on fixed arguments, and of whole
 * compiled plans. {@link SimdTest} runs {@link #main} in child JVMs under different JIT
 * configurations and compares the lines it prints: {@code op path when digest}, for the scalar and
 * vector loops, on their first run and after {@code warm} more runs; {@code plan name when digest}
 * for each of {@link #plans}; and the Simd description.
 */
final class KernelDigest {
    static final int N = 515;

    private KernelDigest() {
    }

    /** Arguments covering each function's formulas, special values and the vector remainder. */
    static double[] arguments(UnaryOp op) {
        Random r = new Random(op.ordinal() + 101);
        double[] special = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_NORMAL, 1e-300, 0x1p-27, 0.5, 1, -1, 0.7,
            0.6875, 2.4375, 20, -20, 700, 709.8, -745.2, 800, -800, 0x1p21, -0x1.0000000000001p21, 1e300,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            if (i < special.length) {
                x[i] = special[i];
            } else {
                double scale = i % 3 == 0 ? 1 : i % 3 == 1 ? 30 : 1000;
                x[i] = (r.nextDouble() * 2 - 1) * scale;
            }
            if (op == UnaryOp.LOG && i % 2 == 0) {
                x[i] = Math.abs(x[i]);
            }
        }
        return x;
    }

    /** FNV-1a over the bits of y, NaNs canonical. */
    static long digest(double[] y) {
        long h = 0xcbf29ce484222325L;
        for (double v : y) {
            long b = Double.doubleToLongBits(v);
            for (int k = 0; k < 64; k += 8) {
                h = (h ^ ((b >>> k) & 0xff)) * 0x100000001b3L;
            }
        }
        return h;
    }

    /** op -> digest of its scalar loop on {@link #arguments}. */
    static Map<UnaryOp, Long> scalarDigests() {
        Map<UnaryOp, Long> d = new LinkedHashMap<>();
        for (UnaryOp op : UnaryOp.values()) {
            if (VectorMath.supports(op)) {
                double[] y = new double[N];
                op.loop(arguments(op), 0, y, 0, N);
                d.put(op, digest(y));
            }
        }
        return d;
    }

    /** A compiled function and the inputs it runs on. */
    static final class Case {
        final String name;
        final Compiled plan;
        final Tensor[] inputs;
        final double[][] outputs;
        /** Runs between the cold and the warm digest, at most. */
        final int warmCap;

        Case(String name, Func f, int warmCap, Tensor... inputs) {
            this.name = name;
            this.inputs = inputs;
            Shape[] shapes = new Shape[inputs.length];
            for (int i = 0; i < shapes.length; i++) {
                shapes[i] = inputs[i].shape();
            }
            this.plan = f.compile(shapes);
            Shape[] out = plan.outputShapes();
            this.outputs = new double[out.length][];
            for (int i = 0; i < out.length; i++) {
                outputs[i] = new double[out[i].size()];
            }
            this.warmCap = warmCap;
        }

        /** Runs the plan and digests all its outputs in order. */
        long run() {
            plan.runInto(inputs, outputs);
            long h = 0;
            for (double[] o : outputs) {
                h = h * 31 + digest(o);
            }
            return h;
        }
    }

    /**
     * Plans through every kind of kernel: the loss and parameter gradient of a small MLP (matrix
     * products, broadcast bias adds, tanh and softplus layers, a mean and a log-sum-exp) with widths
     * that leave vector remainders, and the gradient of a chain of elementwise functions (powers
     * included) and reductions over a vector long enough to be split across processors.
     */
    static List<Case> plans() {
        Rng rng = new Rng(7);
        Func mlp = Func.of(6, a -> {
            Value h = a[0].matmul(a[1]).add(a[2]).tanh();
            h = h.matmul(a[3]).add(a[4]).softplus();
            Value u = h.matmul(a[5]);
            return new Value[] {u.square().mean().add(u.logsumexp(0, 1))};
        });
        Func chain = Func.of(x -> x.tanh().mul(1.5).add(x.sin().mul(x)).add(x.abs().pow(1.5)).sigmoid().square().sum()
                .add(x.exp().max()).add(x.square().add(1).pow(x.cos()).sum()));
        return List.of(
                new Case("mlp", AD.valueAndGrad(mlp, 1, 2, 3, 4, 5), Integer.MAX_VALUE, rng.normal(64, 7), rng.normal(0, 0.4, 7, 33),
                        rng.normal(0, 0.1, 33), rng.normal(0, 0.2, 33, 33), rng.normal(0, 0.1, 33), rng.normal(0, 0.2, 33, 1)),
                new Case("chain", AD.valueAndGrad(chain), 3, rng.normal(0.0, 3.0, 200_003)));
    }

    /** Prints the digests; the argument is how many runs of each loop come between first and last. */
    public static void main(String[] args) {
        int warm = Integer.parseInt(args[0]);
        for (UnaryOp op : UnaryOp.values()) {
            if (!VectorMath.supports(op)) {
                continue;
            }
            double[] x = arguments(op);
            double[] y = new double[N];
            for (String path : new String[] {"scalar", "vector"}) {
                for (int run = 0; run <= warm; run++) {
                    if (path.equals("scalar")) {
                        op.loop(x, 0, y, 0, N);
                    } else {
                        VectorMath.apply(op, x, 0, y, 0, N);
                    }
                    if (run == 0 || run == warm) {
                        System.out.println(op + " " + path + " " + (run == 0 ? "cold" : "warm") + " " + Long.toHexString(digest(y)));
                    }
                }
            }
        }
        for (Case c : plans()) {
            int runs = Math.min(warm, c.warmCap);
            long d = 0;
            for (int run = 0; run <= runs; run++) {
                d = c.run();
                if (run == 0) {
                    System.out.println("plan " + c.name + " cold " + Long.toHexString(d));
                }
            }
            System.out.println("plan " + c.name + " warm " + Long.toHexString(d));
        }
        System.out.println("simd " + Simd.description());
        System.out.println("exp uses vector " + Simd.usesVector(UnaryOp.EXP));
    }
}
