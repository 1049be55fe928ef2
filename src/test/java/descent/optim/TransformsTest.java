package descent.optim;

import descent.tensor.ParamLayout;
import descent.tensor.Params;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The combinators and gradient-processing transforms, against hand-computed updates. */
class TransformsTest {
    /** Leaves "w" [2, 2] (elements 0-3) and "b" [2] (elements 4-5). */
    static final ParamLayout LAYOUT = ParamLayout.of(Params.of("w", Tensor.zeros(2, 2), "b", Tensor.zeros(2)));

    static double[] update(Transform t, double[] g, double[] p) {
        double[] u = g.clone();
        t.update(u, t.init(LAYOUT, p), p);
        return u;
    }

    @Test
    void chainAppliesInOrder() {
        double[] g = {1, -2, 3, -4, 5, -6};
        double[] u = update(Transforms.chain(Transforms.scale(2), Transforms.scaleByLearningRate(0.1)), g, new double[6]);
        assertArrayEquals(new double[] {-0.2, 0.4, -0.6, 0.8, -1.0, 1.2}, u, 1e-15);
        Transform t = Transforms.clipByValue(1).then(Transforms.scale(3));
        assertArrayEquals(new double[] {3, -3, 3, -3, 3, -3}, update(t, g, new double[6]), 0);
    }

    @Test
    void clipping() {
        double[] g = {3, 4, 0, 0, 0.3, 0.4};
        assertArrayEquals(new double[] {1, 1, 0, 0, 0.3, 0.4}, update(Transforms.clipByValue(1), g, new double[6]), 0);
        assertArrayEquals(new double[] {0.6, 0.8, 0, 0, 0.3, 0.4}, update(Transforms.clipByNorm(1), g, new double[6]), 1e-15);
        double norm = Math.sqrt(25 + 0.25);
        double[] expected = {3 / norm, 4 / norm, 0, 0, 0.3 / norm, 0.4 / norm};
        assertArrayEquals(expected, update(Transforms.clipByGlobalNorm(1), g, new double[6]), 1e-15);
        assertArrayEquals(g, update(Transforms.clipByGlobalNorm(10), g, new double[6]), 0);
    }

    @Test
    void weightDecayCoupledAndDecoupled() {
        double[] g = {1, 1, 1, 1, 1, 1};
        double[] p = {1, 2, 3, 4, 5, 6};
        assertArrayEquals(new double[] {1.1, 1.2, 1.3, 1.4, 1.5, 1.6}, update(Transforms.weightDecay(0.1), g, p), 1e-15);
        assertArrayEquals(new double[] {0.9, 0.8, 0.7, 0.6, 0.5, 0.4},
                update(Transforms.decoupledWeightDecay(Schedule.constant(0.1)), g, p), 1e-15);
        Transform adamw = Transforms.chain(Optimizers.adam(1e-2), Transforms.decoupledWeightDecay(Schedule.constant(1e-2 * 0.1)));
        double[] a = TorchMatchTest.trajectory(adamw, Problems::quad, new double[] {0.5, -0.5, 1}, 20, true)[19];
        double[] b = TorchMatchTest.trajectory(Optimizers.adamW(1e-2, 0.9, 0.999, 1e-8, 0.1), Problems::quad,
                new double[] {0.5, -0.5, 1}, 20, true)[19];
        assertArrayEquals(b, a, 1e-14, "Adam then decoupled decay of lr * wd is AdamW");
    }

    @Test
    void partitionGivesEachLabelItsTransformAndSubtree() {
        double[] g = {1, 2, 3, 4, 5, 6};
        Transform t = Transforms.partition(path -> path.equals("b") ? "bias" : "weight",
                Map.of("weight", Transforms.scaleByLearningRate(0.1), "bias", Transforms.scaleByLearningRate(1)));
        assertArrayEquals(new double[] {-0.1, -0.2, -0.3, -0.4, -5, -6}, update(t, g, new double[6]), 1e-15);
        Transform bad = Transforms.partition(path -> path.equals("b") ? "bias" : "other", Map.of("bias", Transforms.identity()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bad.init(LAYOUT, new double[6]));
        assertTrue(e.getMessage().contains("leaf 'w' has label 'other', which has no transform; labels are [bias]"), e.getMessage());
        Transform byShape = Transforms.partitionByLeaf((path, shape) -> shape.rank() == 2 ? "matrix" : "vector",
                Map.of("matrix", Optimizers.adamW(1e-3), "vector", Transforms.setToZero()));
        State s = byShape.init(LAYOUT, new double[6]);
        assertEquals(8, s.doubleCount(), "AdamW's two moments for the 4 matrix elements only");
    }

    @Test
    void maskedAndFrozenLeaves() {
        double[] g = {1, 2, 3, 4, 5, 6};
        Transform m = Transforms.masked(path -> path.equals("w"), Transforms.scale(-1));
        assertArrayEquals(new double[] {-1, -2, -3, -4, 5, 6}, update(m, g, new double[6]), 0);
        Transform f = Transforms.freeze(path -> path.equals("w"), Optimizers.adam(0.1));
        double[] p = {1, 1, 1, 1, 1, 1};
        State s = f.init(LAYOUT, p);
        for (int k = 0; k < 3; k++) {
            f.step(g.clone(), s, p, new Context());
        }
        assertArrayEquals(new double[] {1, 1, 1, 1}, java.util.Arrays.copyOf(p, 4), 0);
        assertEquals(1 - 3 * 0.1 * 5 / (5 + 1e-8), p[4], 1e-15, "Adam moves by lr |g| / (|g| + eps) per step against a constant gradient");
        assertEquals(4, s.doubleCount(), "no optimizer state for the frozen leaf");
    }

    @Test
    void skipNonFiniteLeavesParametersAndStateUntouched() {
        Transform t = Transforms.skipNonFinite(Optimizers.adam(0.1), 2);
        double[] p = {1, 1, 1, 1, 1, 1};
        State s = t.init(LAYOUT, p);
        t.step(new double[] {1, 1, 1, 1, 1, 1}, s, p, new Context());
        double[] after = p.clone();
        String before = java.util.Arrays.toString(((Fused.Buffers) s.children().get(0)).count);
        t.step(new double[] {1, Double.NaN, 1, 1, 1, 1}, s, p, new Context());
        t.step(new double[] {1, 1, Double.POSITIVE_INFINITY, 1, 1, 1}, s, p, new Context());
        assertArrayEquals(after, p, 0);
        assertEquals(before, java.util.Arrays.toString(((Fused.Buffers) s.children().get(0)).count));
        assertEquals(2, s.find(SkipNonFinite.SkipState.class).skipped());
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> t.step(new double[] {Double.NaN, 1, 1, 1, 1, 1}, s, p, new Context()));
        assertTrue(e.getMessage().contains("3 steps in a row"), e.getMessage());
        assertTrue(t.skipsNonFinite() && Transforms.chain(Transforms.scale(1), t).skipsNonFinite());
    }

    @Test
    void accumulationAveragesKGradientsPerStep() {
        Transform t = Transforms.accumulate(Optimizers.sgd(0.5), 3);
        double[] p = new double[6];
        State s = t.init(LAYOUT, p);
        double[][] gs = {{1, 1, 1, 1, 1, 1}, {2, 2, 2, 2, 2, 2}, {6, 6, 6, 6, 6, 6}};
        for (int k = 0; k < 2; k++) {
            t.step(gs[k].clone(), s, p, new Context());
            assertArrayEquals(new double[6], p, 0, "no step before the third gradient");
        }
        t.step(gs[2].clone(), s, p, new Context());
        assertArrayEquals(new double[] {-1.5, -1.5, -1.5, -1.5, -1.5, -1.5}, p, 1e-15);
        double[] u = {1, 1, 1, 1, 1, 1};
        t.update(u, s, p, new Context());
        assertArrayEquals(new double[6], u, 0, "updates of the micro-steps are zero");
    }

    @Test
    void lookaheadPullsTheFastWeightsBack() {
        Transform t = Transforms.lookahead(Optimizers.sgd(1), 2, 0.5);
        double[] p = {10, 10, 10, 10, 10, 10};
        State s = t.init(LAYOUT, p);
        double[] ones = {1, 1, 1, 1, 1, 1};
        t.step(ones.clone(), s, p, new Context());
        assertEquals(9, p[0], 0);
        t.step(ones.clone(), s, p, new Context());
        assertEquals(9, p[0], 0, "fast 8, slow 10 + 0.5 (8 - 10) = 9, fast restarts at 9");
        double[] q = {10, 10, 10, 10, 10, 10};
        State s2 = t.init(LAYOUT, q);
        for (int k = 0; k < 2; k++) {
            double[] u = ones.clone();
            t.update(u, s2, q, new Context());
            for (int i = 0; i < 6; i++) {
                q[i] += u[i];
            }
        }
        assertArrayEquals(p, q, 1e-15, "update and step agree");
    }

    @Test
    void parameterEmaAveragesTheIterates() {
        Transform t = Transforms.paramEma(Optimizers.sgd(1), 0.5);
        double[] p = {0, 0, 0, 0, 0, 0};
        State s = t.init(LAYOUT, p);
        for (int k = 0; k < 3; k++) {
            t.step(new double[] {1, 1, 1, 1, 1, 1}, s, p, new Context());
        }
        double ema = ((0 * 0.5 + 0.5 * -1) * 0.5 + 0.5 * -2) * 0.5 + 0.5 * -3;
        assertEquals(-3, p[0], 0);
        assertEquals(ema, Transforms.paramEmaAverage(s)[0], 1e-15);
        double[] out = new double[6];
        t.evaluationPoint(s, p, out);
        assertEquals(ema, out[5], 1e-15);
    }

    @Test
    void hyperparametersAreValidatedAtConstruction() {
        Object[][] cases = {
            {(Runnable) () -> Optimizers.adam(-1), "adam: lr must be in [0, inf), got -1.0"},
            {(Runnable) () -> Optimizers.adam(1e-3, 1.0, 0.999, 1e-8, 0), "adam: beta1 must be in [0, 1), got 1.0"},
            {(Runnable) () -> Optimizers.adam(1e-3, 0.9, 0.999, 0, 0), "adam: eps must be in (0, inf), got 0.0"},
            {(Runnable) () -> Optimizers.adamW(1e-3, 0.9, 0.999, 1e-8, -0.1), "adamW: weightDecay must be in [0, inf), got -0.1"},
            {(Runnable) () -> Optimizers.sgd(0.1, 1.5), "sgd: momentum must be in [0, 1], got 1.5"},
            {(Runnable) () -> Optimizers.rmsprop(0.1, 2, 1e-8, 0, 0, false), "rmsprop: alpha must be in [0, 1], got 2.0"},
            {(Runnable) () -> Optimizers.rprop(0.1, 0.5, 0.9, 1e-6, 50), "rprop: etaPlus must be in (1, inf), got 0.9"},
            {(Runnable) () -> Optimizers.lion(0.1, 0.9, 1.1, 0), "lion: beta2 must be in [0, 1], got 1.1"},
            {(Runnable) () -> Optimizers.muon(0.02, 0.95, true, 0, 0, Optimizers.adam(1e-3)), "muon: nsSteps must be an integer >= 1"},
            {(Runnable) () -> Optimizers.prodigy(1, 0.9, 0.999, Double.NaN, 1e-8, 0, true, false, false, -1, 1, 2),
                "prodigy: d0 must be in (0, inf), got -1.0"},
            {(Runnable) () -> Transforms.lookahead(Optimizers.sgd(1), 0, 0.5), "lookahead: k must be an integer >= 1, got 0"},
            {(Runnable) () -> Transforms.clipByGlobalNorm(-1), "clipByGlobalNorm: maxNorm must be in [0, inf), got -1.0"},
            {(Runnable) () -> Optimizers.sam(Optimizers.sgd(1), -0.1), "sam: rho must be in [0, inf), got -0.1"},
            {(Runnable) () -> Optimizers.sgld(0.1, -1, 0), "sgld: temperature must be in [0, inf), got -1.0"},
        };
        for (Object[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ((Runnable) c[0])::run);
            assertTrue(e.getMessage().startsWith((String) c[1]), e.getMessage() + " / expected " + c[1]);
        }
    }

    @Test
    void stateTreesNameTheirArrays() {
        Transform t = Transforms.chain(Transforms.clipByGlobalNorm(1), Optimizers.adam(1e-3));
        State s = t.init(LAYOUT, new double[6]);
        assertEquals("State{chain/0:global_norm/count[1], chain/1:adam/count[1], chain/1:adam/m[6], chain/1:adam/v[6]}", s.toString());
        assertEquals(Shape.of(2, 2), LAYOUT.shape(0));
    }
}
