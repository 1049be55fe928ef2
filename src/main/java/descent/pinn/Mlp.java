package descent.pinn;

import descent.ad.Func;
import descent.tensor.Key;
import descent.tensor.Params;
import descent.tensor.Random;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import descent.tensor.Value;

import java.util.Arrays;

/**
 * A multilayer perceptron for physics-informed networks: dense layers with a smooth activation
 * between them, mapping points [N, d] to [N] (one output) or [N, m]. Optional input stages: random
 * Fourier features (x -&gt; [cos(2 pi x B), sin(2 pi x B)] with fixed Gaussian B of scale s, Tancik
 * et al. 2020) and a block-shared first layer (each block of {@code b} consecutive coordinates goes
 * through one shared dense unit with tanh, shrinking the first layer from d x width to b weights,
 * as in the STDE paper's experiments). Parameters are a {@code Params} tree: "layer0/w",
 * "layer0/b", ... (and "shared/w", "shared/b").
 *
 * <pre>{@code
 * Mlp net = Mlp.builder(100).hidden(128, 3).activation(Activation.TANH).build();
 * Params<Tensor> p = net.init(Key.of(0));
 * Func u = net.func();                      // (points [N, 100], p) -> [N]
 * }</pre>
 */
public final class Mlp {
    private final int inputs;
    private final int[] widths;
    private final int outputs;
    private final Activation activation;
    private final Init init;
    private final int fourierFeatures;
    private final double fourierScale;
    private final int block;
    private final Tensor fourier;

    private Mlp(Builder b) {
        this.inputs = b.inputs;
        this.widths = b.widths;
        this.outputs = b.outputs;
        this.activation = b.activation;
        this.init = b.init;
        this.fourierFeatures = b.fourierFeatures;
        this.fourierScale = b.fourierScale;
        this.block = b.block;
        this.fourier = fourierFeatures > 0
                ? Random.normal(b.fourierKey, Shape.of(firstInputs(), fourierFeatures), 0, fourierScale) : null;
    }

    /** A builder for a network of {@code inputs} input coordinates. */
    public static Builder builder(int inputs) {
        return new Builder(inputs);
    }

    /** Choices of a network's architecture. */
    public static final class Builder {
        private final int inputs;
        private int[] widths = {64, 64, 64};
        private int outputs = 1;
        private Activation activation = Activation.TANH;
        private Init init = Init.GLOROT_NORMAL;
        private int fourierFeatures;
        private double fourierScale;
        private Key fourierKey;
        private int block;

        private Builder(int inputs) {
            if (inputs < 1) {
                throw new IllegalArgumentException("Mlp: the number of inputs must be at least 1, got " + inputs);
            }
            this.inputs = inputs;
        }

        /** {@code layers} hidden layers of {@code width} units (default 3 of 64). */
        public Builder hidden(int width, int layers) {
            if (width < 1 || layers < 0) {
                throw new IllegalArgumentException("Mlp: hidden layers need width >= 1 and a count >= 0, got width " + width
                        + " and " + layers + " layers");
            }
            int[] w = new int[layers];
            Arrays.fill(w, width);
            this.widths = w;
            return this;
        }

        /** Hidden layers of the given widths. */
        public Builder hidden(int... widths) {
            for (int w : widths) {
                if (w < 1) {
                    throw new IllegalArgumentException("Mlp: every hidden width must be at least 1, got " + Arrays.toString(widths));
                }
            }
            this.widths = widths.clone();
            return this;
        }

        /** Number of outputs (default 1: the network returns [N]). */
        public Builder outputs(int m) {
            if (m < 1) {
                throw new IllegalArgumentException("Mlp: the number of outputs must be at least 1, got " + m);
            }
            this.outputs = m;
            return this;
        }

        /** The activation between layers (default tanh). */
        public Builder activation(Activation a) {
            this.activation = a;
            return this;
        }

        /** The initializer (default Glorot normal). */
        public Builder init(Init i) {
            this.init = i;
            return this;
        }

        /** Random Fourier features of the inputs: {@code features} frequencies of standard deviation {@code scale}. */
        public Builder fourierFeatures(int features, double scale, Key key) {
            if (features < 1 || !(scale > 0)) {
                throw new IllegalArgumentException("Mlp: Fourier features need a count >= 1 and a scale > 0, got " + features
                        + " and " + scale);
            }
            this.fourierFeatures = features;
            this.fourierScale = scale;
            this.fourierKey = key;
            return this;
        }

        /** A first layer shared across blocks of {@code size} consecutive inputs (size must divide the inputs). */
        public Builder blockShared(int size) {
            if (size < 1 || inputs % size != 0) {
                throw new IllegalArgumentException("Mlp: the shared block size must divide the " + inputs + " inputs, got " + size);
            }
            this.block = size;
            return this;
        }

        /** The network. */
        public Mlp build() {
            return new Mlp(this);
        }
    }

    /** Number of input coordinates d. */
    public int inputs() {
        return inputs;
    }

    /** Inputs of the first dense layer after the optional shared block stage. */
    private int firstInputs() {
        return block > 0 ? inputs / block : inputs;
    }

    /** Inputs of the dense stack. */
    private int denseInputs() {
        return fourierFeatures > 0 ? 2 * fourierFeatures : firstInputs();
    }

    private int[] layerSizes() {
        int[] sizes = new int[widths.length + 2];
        sizes[0] = denseInputs();
        System.arraycopy(widths, 0, sizes, 1, widths.length);
        sizes[sizes.length - 1] = outputs;
        return sizes;
    }

    /** The shapes of the parameters, as a tree of the parameters' structure. */
    public Params<Shape> shapes() {
        int[] sizes = layerSizes();
        Params.Builder<Shape> b = Params.builder();
        if (block > 0) {
            b.put("shared", Params.of(Shape.class, "w", Shape.of(block), "b", Shape.SCALAR));
        }
        for (int l = 0; l + 1 < sizes.length; l++) {
            b.put("layer" + l, Params.of(Shape.class, "w", Shape.of(sizes[l], sizes[l + 1]), "b", Shape.of(sizes[l + 1])));
        }
        return b.build();
    }

    /** Fresh parameters from {@code key}. */
    public Params<Tensor> init(Key key) {
        int[] sizes = layerSizes();
        Key[] keys = key.split(2 * (sizes.length - 1) + 2);
        Params.Builder<Tensor> b = Params.builder();
        if (block > 0) {
            b.put("shared", Params.of("w", init.weights(keys[keys.length - 2], block, 1).reshape(block),
                    "b", init.biases(keys[keys.length - 1], block, 1).reshape()));
        }
        for (int l = 0; l + 1 < sizes.length; l++) {
            b.put("layer" + l, Params.of("w", init.weights(keys[2 * l], sizes[l], sizes[l + 1]),
                    "b", init.biases(keys[2 * l + 1], sizes[l], sizes[l + 1])));
        }
        return b.build();
    }

    /** Number of parameters (elements of all leaves). */
    public long parameterCount() {
        long n = 0;
        for (Shape s : shapes().leaves()) {
            n += s.size();
        }
        return n;
    }

    /** The network at points x [N, d]: [N] for one output, else [N, m]. */
    public Value apply(Params<Value> p, Value x) {
        if (x.rank() != 2 || x.shape().dim(1) != inputs) {
            throw new IllegalArgumentException("Mlp: points must have shape [N, " + inputs + "], got " + x.shape());
        }
        Value h = x;
        if (block > 0) {
            int n = x.shape().dim(0);
            h = h.reshape(n, inputs / block, block).mul(p.get("shared/w")).sum(2).add(p.get("shared/b")).tanh();
        }
        if (fourier != null) {
            Value proj = h.matmul(h.constant(fourier)).mul(2 * Math.PI);
            h = Value.concat(1, proj.cos(), proj.sin());
        }
        int layers = widths.length + 1;
        for (int l = 0; l < layers; l++) {
            h = h.matmul(p.get("layer" + l + "/w")).add(p.get("layer" + l + "/b"));
            if (l < layers - 1) {
                h = activation.apply(h);
            }
        }
        return outputs == 1 ? h.reshape(h.shape().dim(0)) : h;
    }

    /** The network as a function (points [N, d], parameters) -&gt; [N] (or [N, m]), for operators and losses. */
    public Func func() {
        Params<Shape> like = shapes();
        return Func.of(new Params<?>[] {null, like}, xs -> {
            Params<Value> p = like.withLeaves(Arrays.asList(xs).subList(1, xs.length));
            return new Value[] {apply(p, xs[0])};
        }).named("mlp");
    }
}
