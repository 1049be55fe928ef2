package descent.ad;

import descent.Testing;
import descent.tensor.Value;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Compiled plans: caching by shape, retracing, buffer reuse and allocation-free reruns. */
class PlanTest {
    static Value mlp(Value[] p, Value x) {
        Value h = x;
        for (int l = 0; l < p.length; l += 2) {
            h = h.matmul(p[l]).add(p[l + 1]);
            if (l + 2 < p.length) {
                h = h.tanh();
            }
        }
        return h.square().mean();
    }

    static Func mlpLoss(int layers) {
        return Func.of(2 * layers + 1, a -> {
            Value[] p = java.util.Arrays.copyOf(a, 2 * layers);
            return new Value[] {mlp(p, a[2 * layers])};
        });
    }

    static Tensor[] mlpArgs(Random r, int batch, int in, int width, int layers) {
        Tensor[] t = new Tensor[2 * layers + 1];
        int prev = in;
        for (int l = 0; l < layers; l++) {
            int next = l == layers - 1 ? 1 : width;
            t[2 * l] = Testing.uniform(r, Shape.of(prev, next), -0.3, 0.3);
            t[2 * l + 1] = Testing.uniform(r, Shape.of(next), -0.1, 0.1);
            prev = next;
        }
        t[2 * layers] = Testing.uniform(r, Shape.of(batch, in), -1, 1);
        return t;
    }

    @Test
    void plansAreCachedPerShapeAndRetracedWhenShapesChange() {
        Func f = Func.of(x -> x.square().sum());
        Compiled a = f.compile(Shape.of(3));
        assertEquals(1, f.traces());
        f.compile(Shape.of(3));
        assertEquals(1, f.traces());
        Compiled b = f.compile(Shape.of(4));
        assertEquals(2, f.traces());
        assertEquals(2, f.cachedPlans());
        assertEquals(Shape.of(4), b.inputShapes()[0]);
        assertEquals(Shape.of(3), a.inputShapes()[0]);
        assertEquals(14, f.call(Tensor.of(1, 2, 3)).item(), 0);
        assertEquals(30, f.call(Tensor.of(1, 2, 3, 4)).item(), 0);
    }

    @Test
    void buffersAreReusedAcrossTheBackwardPass() {
        int layers = 4;
        Func g = AD.valueAndGrad(mlpLoss(layers), 0, 1, 2, 3, 4, 5, 6, 7);
        Tensor[] args = mlpArgs(new Random(1), 64, 10, 32, layers);
        Shape[] shapes = new Shape[args.length];
        for (int i = 0; i < shapes.length; i++) {
            shapes[i] = args[i].shape();
        }
        Compiled p = g.compile(shapes);
        long naive = 0;
        for (var e : g.trace(shapes).eqns()) {
            naive += e.out().shape().size();
        }
        assertTrue(p.bufferElements() < naive / 2,
                "plan owns " + p.bufferElements() + " elements; one buffer per result would need " + naive);
    }

    @Test
    void rerunningAPlanAllocatesAlmostNothing() {
        int layers = 3;
        Func g = AD.valueAndGrad(mlpLoss(layers), 0, 1, 2, 3, 4, 5);
        Tensor[] args = mlpArgs(new Random(2), 128, 16, 64, layers);
        Shape[] shapes = new Shape[args.length];
        for (int i = 0; i < shapes.length; i++) {
            shapes[i] = args[i].shape();
        }
        Compiled p = g.compile(shapes);
        Shape[] outs = p.outputShapes();
        double[][] out = new double[outs.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[outs[i].size()];
        }
        // Warm up until the JIT has compiled the kernels: only compiled SIMD loops keep their vectors in registers.
        for (int i = 0; i < 3000; i++) {
            p.runInto(args, out);
        }
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(tid);
        int runs = 100;
        for (int i = 0; i < runs; i++) {
            p.runInto(args, out);
        }
        long perRun = (bean.getThreadAllocatedBytes(tid) - before) / runs;
        long working = p.bufferElements() * 8;
        assertTrue(perRun < 1024, "a rerun allocated " + perRun + " bytes (working set " + working + " bytes)");
    }

    @Test
    void planMatchesEagerTensorArithmetic() {
        Random r = new Random(5);
        Tensor a = Testing.uniform(r, Shape.of(4, 3), -1, 1);
        Tensor b = Testing.uniform(r, Shape.of(3), -1, 1);
        Func f = Func.of((x, y) -> x.mul(y).tanh().add(x.exp()).sum(0));
        Tensor eager = a.mul(b).tanh().add(a.exp()).sum(0);
        Testing.assertClose(f.call(a, b), eager, 0, "plan vs eager");
    }
}
