package descent.ad;

import descent.Testing;
import descent.tensor.Params;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import descent.tensor.Value;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VmapTest {
    private static final Random R = new Random(3);

    /** Squared error of a linear model with a tanh, for one example (x: [3], y: scalar). */
    private static final Func LOSS = Func.of(3, a -> new Value[] {a[0].matmul(a[1]).tanh().sub(a[2]).square()});

    @Test
    void perExampleGradientsMatchALoop() {
        Tensor w = Testing.uniform(R, Shape.of(3), -1, 1);
        Tensor xs = Testing.uniform(R, Shape.of(5, 3), -1, 1);
        Tensor ys = Testing.uniform(R, Shape.of(5), -1, 1);
        Func perExample = AD.vmap(AD.grad(LOSS), new int[] {AD.NOT_BATCHED, 0, 0}, null);
        Tensor g = perExample.call(w, xs, ys);
        assertEquals(Shape.of(5, 3), g.shape());
        for (int b = 0; b < 5; b++) {
            Tensor single = AD.grad(LOSS).call(w, xs.index(0, b), ys.index(0, b));
            Testing.assertClose(g.index(0, b), single, 1e-15, "example " + b);
        }
    }

    @Test
    void gradientOfABatchedLossIsTheSumOfPerExampleGradients() {
        Tensor w = Testing.uniform(R, Shape.of(3), -1, 1);
        Tensor xs = Testing.uniform(R, Shape.of(4, 3), -1, 1);
        Tensor ys = Testing.uniform(R, Shape.of(4), -1, 1);
        Func batched = AD.vmap(LOSS, new int[] {AD.NOT_BATCHED, 0, 0}, null);
        Func total = Func.of(3, a -> new Value[] {batched.apply(a).sum()});
        Tensor g = AD.grad(total).call(w, xs, ys);
        Tensor sum = AD.vmap(AD.grad(LOSS), new int[] {AD.NOT_BATCHED, 0, 0}, null).call(w, xs, ys).sum(0);
        Testing.assertClose(g, sum, 1e-14, "grad(vmap) vs sum of vmap(grad)");
    }

    @Test
    void axesOtherThanTheFirst() {
        Func f = Func.of((a, b) -> a.mul(b).sum());
        Tensor a = Testing.uniform(R, Shape.of(3, 4), -1, 1);
        Tensor b = Testing.uniform(R, Shape.of(3), -1, 1);
        // batch over the columns of a (axis 1), b shared; results stacked on axis 0
        Tensor r = AD.vmap(f, new int[] {1, AD.NOT_BATCHED}, null).call(a, b);
        for (int j = 0; j < 4; j++) {
            assertEquals(a.index(1, j).mul(b).sum().item(), r.get(j), 1e-15);
        }
        Func g = Func.of(x -> x.mul(2));
        Tensor m = Testing.uniform(R, Shape.of(2, 5), -1, 1);
        Tensor moved = AD.vmap(g, new int[] {0}, new int[] {-1}).call(m);
        assertEquals(Shape.of(5, 2), moved.shape());
        assertEquals(m.mul(2).transpose(), moved);
    }

    @Test
    void nestsWithForwardAndTaylorMode() {
        Func f = Func.of(x -> x.sin().mul(x).sum());
        Tensor xs = Testing.uniform(R, Shape.of(6, 2), -1, 1);
        Tensor vs = Testing.uniform(R, Shape.of(6, 2), -1, 1);
        Tensor[] jv = AD.vmap(AD.jvp(f), new int[] {0, 0}, null).callAll(xs, vs);
        Func second = AD.jet(f, 2);
        Tensor[] jets = AD.vmap(second, new int[] {0, 0, AD.NOT_BATCHED}, null).callAll(xs, vs, Tensor.zeros(2));
        for (int b = 0; b < 6; b++) {
            Tensor[] one = AD.jvp(f).callAll(xs.index(0, b), vs.index(0, b));
            assertEquals(one[1].item(), jv[1].get(b), 1e-15);
            Tensor[] j = second.callAll(xs.index(0, b), vs.index(0, b), Tensor.zeros(2));
            assertEquals(j[2].item(), jets[2].get(b), 1e-14);
        }
        Tensor jvpOfVmap = AD.jvp(AD.vmap(f)).callAll(xs, vs)[1];
        Testing.assertClose(jvpOfVmap, jv[1], 1e-15, "jvp(vmap) vs vmap(jvp)");
    }

    @Test
    void treesAreBatchedLeafByLeaf() {
        Params<Tensor> p = Params.of("a", Tensor.of(1, 2), "b", Tensor.scalar(3));
        Func f = Func.of(p, 1, (q, d) -> q.get("a").mul(d[0]).sum().add(q.get("b")));
        Params<Tensor> batch = Params.of("a", Tensor.of(new double[][] {{1, 2}, {3, 4}}), "b", Tensor.of(10, 20));
        Tensor r = AD.vmap(f, new int[] {0, AD.NOT_BATCHED}, null).eval(batch, Tensor.of(1, 1)).tensor(0);
        assertEquals(Tensor.of(13, 27), r);
    }

    @Test
    void jacobiansAreOneBatchedPassWhateverTheDimension() {
        Func f = Func.of(x -> x.sin().mul(x.sum()));
        int[] fwd = new int[3];
        int[] rev = new int[3];
        int[] dims = {10, 100, 1000};
        for (int i = 0; i < 3; i++) {
            fwd[i] = AD.jacfwd(f).compile(Shape.of(dims[i])).steps();
            rev[i] = AD.jacrev(f).compile(Shape.of(dims[i])).steps();
        }
        assertEquals(fwd[0], fwd[1]);
        assertEquals(fwd[0], fwd[2]);
        assertEquals(rev[0], rev[1]);
        assertEquals(rev[0], rev[2]);
        Tensor x = Testing.uniform(R, Shape.of(7), -1, 1);
        // d/dx_j [sin(x_i) s] = cos(x_i) s [i == j] + sin(x_i)
        double s = x.sum().item();
        Tensor j = AD.jacfwd(f).call(x);
        for (int a = 0; a < 7; a++) {
            for (int b = 0; b < 7; b++) {
                double expected = (a == b ? Math.cos(x.get(a)) * s : 0) + Math.sin(x.get(a));
                assertEquals(expected, j.get(a, b), 1e-14);
            }
        }
        Testing.assertClose(AD.jacrev(f).call(x), j, 1e-14, "jacrev vs jacfwd");
        int hessianSteps = AD.hessian(Func.of(v -> v.pow(4).sum())).compile(Shape.of(10)).steps();
        assertEquals(hessianSteps, AD.hessian(Func.of(v -> v.pow(4).sum())).compile(Shape.of(1000)).steps());
    }

    @Test
    void aHessianTooLargeForTheHeapIsAClearError() {
        long n = 20_000;
        if (3 * n * n * 8 <= Runtime.getRuntime().maxMemory()) {
            n = 50_000;
        }
        int size = (int) n;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AD.hessian(Func.of(v -> v.square().sum())).compile(Shape.of(size)));
        assertTrue(e.getMessage().contains("hvp"), e.getMessage());
        assertTrue(e.getMessage().contains(String.format(java.util.Locale.ROOT, "%,d elements", n * n)), e.getMessage());
    }

    @Test
    void badAxesAreClearErrors() {
        Func f = Func.of((a, b) -> a.add(b).sum());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AD.vmap(f, new int[] {0, 0}, null).call(Tensor.zeros(3, 2), Tensor.zeros(4, 2)));
        assertTrue(e.getMessage().contains("batch size: 3 and 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AD.vmap(f, new int[] {2, 0}, null).call(Tensor.zeros(3, 2),
                Tensor.zeros(3, 2)));
        assertTrue(e.getMessage().contains("batch axis 2 is out of range"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AD.vmap(f, new int[] {0}, null));
        assertTrue(e.getMessage().contains("1 input axes given"), e.getMessage());
    }
}
