package descent.ad;

import descent.tensor.Params;
import descent.tensor.Primitive;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import descent.tensor.Value;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What tracing promises a user: no stale results, memoized transforms, trees, threads. */
class TracingContractTest {
    private Tensor batch = Tensor.of(1, 2, 3);

    @Test
    void aCapturedFieldThatChangesIsNeverStale() {
        Func f = Func.of(w -> w.mul(batch).sum());
        Tensor w = Tensor.of(1, 1, 1);
        assertEquals(6, f.call(w).item(), 0);
        batch = Tensor.of(10, 20, 30);
        assertEquals(60, f.call(w).item(), 0);
        assertEquals(2, f.traces());
        assertEquals(1, f.retraces());
        assertEquals(60, f.call(w).item(), 0);
        assertEquals(2, f.traces(), "an unchanged capture reuses the plan");
    }

    @Test
    void jacobiansAndHessiansCalledAgainReuseTheirPlanAndStillSeeCapturedChanges() {
        Func cubic = Func.of(t -> t.mul(t).mul(t).add(t));
        Func[] jacobians = {AD.jacrev(cubic), AD.jacfwd(cubic), AD.hessian(Func.of(t -> t.mul(t).mul(t).sum()))};
        for (int k = 0; k < jacobians.length; k++) {
            for (int i = 0; i < 4; i++) {
                double a = 1 + i;
                Tensor j = jacobians[k].call(Tensor.of(a, 2));
                assertEquals(Tensor.of(new double[][] {{k < 2 ? 3 * a * a + 1 : 6 * a, 0}, {0, k < 2 ? 13 : 12}}), j);
            }
            assertEquals(1, jacobians[k].traces(), jacobians[k].name() + " traced once for one shape");
            assertEquals(0, jacobians[k].retraces(), jacobians[k].name());
        }
        Func scaled = AD.jacrev(Func.of(t -> t.mul(batch)));
        assertEquals(Tensor.of(new double[][] {{1, 0, 0}, {0, 2, 0}, {0, 0, 3}}), scaled.call(Tensor.of(5, 5, 5)));
        batch = Tensor.of(4, 5, 6);
        assertEquals(Tensor.of(new double[][] {{4, 0, 0}, {0, 5, 0}, {0, 0, 6}}), scaled.call(Tensor.of(5, 5, 5)));
        assertEquals(1, scaled.retraces());
    }

    @Test
    void aWrappedJavaArrayModifiedInPlaceIsNeverStale() {
        double[] data = {1, 2, 3};
        Tensor captured = Tensor.wrap(data, 3);
        Func f = Func.of(w -> w.mul(captured).sum());
        Func g = AD.grad(f);
        Tensor w = Tensor.of(2, 2, 2);
        assertEquals(12, f.call(w).item(), 0);
        assertEquals(Tensor.of(1, 2, 3), g.call(w));
        data[1] = 5;
        assertEquals(18, f.call(w).item(), 0);
        assertEquals(Tensor.of(1, 5, 3), g.call(w));
    }

    @Test
    void anArrayReadInsideTheBodyIsNeverStale() {
        double[] data = {1, 2};
        Func f = Func.of(w -> w.mul(Tensor.copyOf(data, 2)).sum());
        assertEquals(3, f.call(Tensor.of(1, 1)).item(), 0);
        data[0] = 7;
        assertEquals(9, f.call(Tensor.of(1, 1)).item(), 0);
    }

    @Test
    void capturedScalarsAndControlFlowAreChecked() {
        double[] scale = {2};
        boolean[] square = {false};
        Func f = Func.of(x -> (square[0] ? x.square() : x).mul(scale[0]).sum());
        Tensor x = Tensor.of(3);
        assertEquals(6, f.call(x).item(), 0);
        scale[0] = 5;
        assertEquals(15, f.call(x).item(), 0);
        square[0] = true;
        assertEquals(45, f.call(x).item(), 0);
        assertEquals(3, f.traces());
    }

    @Test
    void theFailPolicyNamesTheCapturedTensor() {
        Func f = Func.of(w -> w.mul(batch).sum()).withCaptures(CapturePolicy.FAIL);
        f.call(Tensor.of(1, 1, 1));
        batch = Tensor.of(4, 5, 6);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> f.call(Tensor.of(1, 1, 1)));
        assertTrue(e.getMessage().contains("captured tensor #1 of shape [3]"), e.getMessage());
        assertTrue(e.getMessage().contains("TracingContractTest.java"), "names the line that read it: " + e.getMessage());
        assertTrue(e.getMessage().contains("as an argument"), e.getMessage());
    }

    @Test
    void theFrozenPolicyKeepsTheFirstTraceLikeJit() {
        Func f = Func.of(w -> w.mul(batch).sum()).withCaptures(CapturePolicy.FROZEN);
        assertEquals(6, f.call(Tensor.of(1, 1, 1)).item(), 0);
        batch = Tensor.of(4, 5, 6);
        assertEquals(6, f.call(Tensor.of(1, 1, 1)).item(), 0);
    }

    @Test
    void transformsAreMemoizedSoTheLoopIdiomCompilesOnce() {
        Func f = Func.of(x -> x.sin().mul(x).sum());
        assertSame(AD.grad(f), AD.grad(f));
        assertSame(AD.hvp(f), AD.hvp(f));
        assertSame(AD.jet(f, 2), AD.jet(f, 2));
        Tensor x = Tensor.of(0.5, 1.0);
        for (int i = 0; i < 50; i++) {
            AD.grad(f).call(x);
        }
        assertEquals(1, AD.grad(f).traces());
    }

    @Test
    void dataPassedAsAnArgumentNeedsNoRetrace() {
        Func loss = Func.of((w, xb) -> w.mul(xb).sum().square());
        Func g = AD.grad(loss);
        for (int i = 0; i < 20; i++) {
            Tensor xb = Tensor.of(i, i + 1.0);
            Tensor w = Tensor.of(1, 2);
            double s = i + 2 * (i + 1.0);
            assertEquals(Tensor.of(2 * s * i, 2 * s * (i + 1)), g.call(w, xb));
        }
        assertEquals(1, g.traces());
    }

    @Test
    void gradientsOfTreeFunctionsAreTreesOfTheSameStructure() {
        Params<Tensor> p = Params.of("layer", Params.of("w", Tensor.of(new double[][] {{1, 2}, {3, 4}}), "b", Tensor.of(0.5, -0.5)),
                "scale", Tensor.scalar(2));
        Func loss = Func.of(p, 1, (q, d) -> q.get("layer/w").matmul(d[0]).add(q.get("layer/b")).mul(q.get("scale"))
                .square().sum());
        Tensor x = Tensor.of(1, -1);
        // z = W x + b = [-1 + 0.5, -1 - 0.5] = [-0.5, -1.5]; loss = sum (s z)^2 = 4 (0.25 + 2.25) = 10
        assertEquals(10, loss.call(p, x).item(), 1e-12);
        Params<Tensor> g = AD.grad(loss).callParams(p, x);
        assertTrue(g.sameStructure(p));
        // dL/dz = 2 s^2 z = 8 z; dL/dW = 8 z x^T; dL/db = 8 z; dL/ds = 2 s sum z^2 = 4 * 2.5
        assertEquals(Tensor.of(new double[][] {{-4, 4}, {-12, 12}}), g.get("layer/w"));
        assertEquals(Tensor.of(-4, -12), g.get("layer/b"));
        assertEquals(10, g.get("scale").item(), 1e-12);
        Outputs vg = AD.valueAndGrad(loss).eval(p, x);
        assertEquals(10, vg.tensor(0).item(), 1e-12);
        assertEquals(g, vg.params(1));
        Params<Tensor> h = AD.hvp(Func.of(p, 0, (q, d) -> q.get("scale").pow(3).add(q.get("layer/b").square().sum())))
                .eval(p, p.map(t -> Tensor.full(1, t.shape().dims()))).params(0);
        assertEquals(12, h.get("scale").item(), 1e-12);
        assertEquals(Tensor.of(2, 2), h.get("layer/b"));
        assertEquals(Tensor.zeros(2, 2), h.get("layer/w"));
    }

    @Test
    void treeArgumentsAreCheckedAgainstTheStructure() {
        Params<Tensor> p = Params.of("w", Tensor.of(1, 2));
        Func f = Func.of(p, 0, (q, d) -> q.get("w").sum());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> f.call(Params.of("v", Tensor.of(1, 2))));
        assertTrue(e.getMessage().contains("differ in structure"), e.getMessage());
    }

    @Test
    void plansRunConcurrentlyAndCompileOnce() throws Exception {
        Func f = AD.grad(Func.of(x -> x.tanh().square().sum()));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> jobs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                jobs.add(() -> {
                    for (int i = 0; i < 200; i++) {
                        double v = 0.01 * (seed * 200 + i);
                        Tensor x = Tensor.full(v, 64);
                        double expected = 2 * Math.tanh(v) * (1 - Math.tanh(v) * Math.tanh(v));
                        Tensor g = f.call(x);
                        for (double d : g.toArray()) {
                            if (Math.abs(d - expected) > 1e-12) {
                                return false;
                            }
                        }
                    }
                    return true;
                });
            }
            for (Future<Boolean> r : pool.invokeAll(jobs)) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, f.traces());
    }

    @Test
    void aCustomOpMayReenterTheFunctionItIsPartOf() {
        Func[] self = new Func[1];
        AtomicInteger depth = new AtomicInteger();
        Primitive viaInner = CustomOp.named("viaInner")
                .eval(x -> depth.getAndIncrement() == 0 ? self[0].call(x[0].mul(2)).broadcastTo(x[0].shape()).add(x[0])
                        : x[0].sum().broadcastTo(x[0].shape()))
                .build();
        self[0] = Func.of(x -> viaInner.apply(x).sum());
        // outer: viaInner(x) = f(2x) + x, and f(y) = sum of the inner viaInner(y) = 3 sum(y) = 36 at y = 2x
        Tensor x = Tensor.of(1, 2, 3);
        assertEquals(3 * 12 * 3 + 6, self[0].call(x).item(), 0);
    }

    @Test
    void thePlanCacheIsBoundedAndCanBeCleared() {
        Func f = Func.of(x -> x.sum());
        for (int n = 1; n <= 100; n++) {
            f.call(Tensor.zeros(n));
        }
        assertTrue(f.cachedPlans() <= 64, "cached " + f.cachedPlans());
        f.clearCache();
        assertEquals(0, f.cachedPlans());
    }

    @Test
    void aFunctionThatCallsItselfFailsWithAMessage() {
        Func[] self = new Func[1];
        self[0] = Func.of(x -> self[0].apply(x).add(1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> self[0].call(Tensor.of(1)));
        assertTrue(e.getMessage().contains("cannot recurse"), e.getMessage());
    }

    @Test
    void nanCheckingIsScopedToAThread() {
        Func f = Func.of(x -> x.sub(2).log().sum());
        assertTrue(Double.isNaN(f.call(Tensor.of(1)).item()));
        try (AD.NanCheck check = AD.debugNaNs()) {
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> f.call(Tensor.of(1)));
            assertTrue(e.getMessage().contains("log"), e.getMessage());
            assertTrue(e.getMessage().contains("TracingContractTest.java"), e.getMessage());
        }
        assertTrue(Double.isNaN(f.call(Tensor.of(1)).item()));
    }

    @Test
    void nanCheckingReportsAForwardValueNothingReads() {
        Func f = Func.of(x -> {
            x.log();
            return x.square().sum();
        });
        Func g = AD.grad(f);
        try (AD.NanCheck check = AD.debugNaNs()) {
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> g.call(Tensor.of(-1.0)));
            assertTrue(e.getMessage().contains("log"), e.getMessage());
        }
    }

    @Test
    void broadcastScalarConstantsStayScalar() {
        Func g = AD.grad(Func.of(x -> x.tanh().square().mul(0.5).add(x).sum()));
        int n = 100_000;
        Compiled c = g.compile(Shape.of(n));
        // inputs, and a handful of n-vectors of intermediates, but no materialized constants
        assertTrue(c.bufferElements() <= 4L * n, "plan owns " + c.bufferElements() + " elements for n = " + n);
        Tensor x = Tensor.full(0.3, n);
        double t = Math.tanh(0.3);
        assertEquals(t * (1 - t * t) + 1, g.call(x).get(n - 1), 1e-15);
    }
}
