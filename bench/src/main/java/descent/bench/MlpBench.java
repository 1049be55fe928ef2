package descent.bench;

import descent.ad.Compiled;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The MLP of the STDE benchmarks (batch 256, input 100, four tanh layers of width 128): value and
 * parameter gradient of mean(u^2), the plain forward pass of u, and the second-order jet of u
 * along the input (what an STDE or Laplacian loss evaluates).
 */
@State(Scope.Thread)
public class MlpBench {
    static final int BATCH = 256;
    static final int IN = 100;
    static final int WIDTH = 128;
    static final int HIDDEN = 4;

    private Compiled valueAndGrad;
    private Compiled forward;
    private Compiled jet;
    private Tensor[] args;
    private Tensor[] jetArgs;
    private double[][] vgOut;
    private double[][] fOut;
    private double[][] jetOut;

    @Setup
    public void setup() {
        Mlp m = new Mlp(BATCH, IN, WIDTH, HIDDEN, 1);
        args = m.args;
        Shape[] shapes = m.shapes();
        valueAndGrad = m.valueAndGrad().compile(shapes);
        forward = m.network().compile(shapes);
        jetArgs = new Tensor[args.length + 2];
        System.arraycopy(args, 0, jetArgs, 0, args.length);
        jetArgs[args.length] = new descent.tensor.Rng(2).normal(BATCH, IN);
        jetArgs[args.length + 1] = Tensor.zeros(BATCH, IN);
        Shape[] jetShapes = new Shape[jetArgs.length];
        for (int i = 0; i < jetShapes.length; i++) {
            jetShapes[i] = jetArgs[i].shape();
        }
        jet = m.jet2().compile(jetShapes);
        vgOut = buffers(valueAndGrad);
        fOut = buffers(forward);
        jetOut = buffers(jet);
    }

    static double[][] buffers(Compiled p) {
        Shape[] s = p.outputShapes();
        double[][] b = new double[s.length][];
        for (int i = 0; i < b.length; i++) {
            b[i] = new double[s[i].size()];
        }
        return b;
    }

    @Benchmark
    public double[][] valueAndGrad() {
        valueAndGrad.runInto(args, vgOut);
        return vgOut;
    }

    @Benchmark
    public double[][] forward() {
        forward.runInto(args, fOut);
        return fOut;
    }

    @Benchmark
    public double[][] jet2() {
        jet.runInto(jetArgs, jetOut);
        return jetOut;
    }
}
