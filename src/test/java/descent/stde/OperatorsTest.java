package descent.stde;

import descent.Testing;
import descent.ad.AD;
import descent.ad.Func;
import descent.tensor.Key;
import descent.tensor.Random;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import descent.tensor.Value;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exact operators against independent computations. */
class OperatorsTest {
    /** The two-body solution (1 - |x|^2) sum_i c_i sin(x_i + cos(x_{i+1}) + x_{i+1} cos(x_i)), row by row. */
    static final Func TWO_BODY = Func.of((x, c) -> {
        int d = x.shape().dim(1);
        Value a = x.slice(1, 0, d - 1);
        Value b = x.slice(1, 1, d);
        Value s = a.add(b.cos()).add(b.mul(a.cos())).sin().mul(c).sum(1);
        return x.square().sum(1).rsub(1).mul(s);
    });

    /** Its Laplacian by hand: -2 d s - 4 sum_i c_i cos(phi_i)(a_i x_i + b_i x_{i+1}) + q sum_i c_i (-sin(phi_i)(a_i^2 + b_i^2) + cos(phi_i)(A_i + B_i)). */
    static Tensor twoBodyLaplacian(Tensor x, Tensor c) {
        int d = x.shape().dim(1);
        Tensor xi = x.slice(1, 0, d - 1);
        Tensor xj = x.slice(1, 1, d);
        Tensor phi = xi.add(xj.cos()).add(xj.mul(xi.cos()));
        Tensor a = xi.sin().mul(xj).rsub(1);
        Tensor b = xi.cos().sub(xj.sin());
        Tensor second = xj.mul(xi.cos()).neg().sub(xj.cos());
        Tensor s = phi.sin().mul(c).sum(1);
        Tensor q = x.square().sum(1).rsub(1);
        Tensor cross = phi.cos().mul(c).mul(a.mul(xi).add(b.mul(xj))).sum(1);
        Tensor lapS = phi.sin().neg().mul(a.square().add(b.square())).add(phi.cos().mul(second)).mul(c).sum(1);
        return s.mul(-2.0 * d).sub(cross.mul(4)).add(q.mul(lapS));
    }

    /** The three-body solution (1 - |x|^2) sum_i c_i exp(x_i x_{i+1} x_{i+2}). */
    static final Func THREE_BODY = Func.of((x, c) -> {
        int d = x.shape().dim(1);
        Value p = x.slice(1, 0, d - 2).mul(x.slice(1, 1, d - 1)).mul(x.slice(1, 2, d));
        return x.square().sum(1).rsub(1).mul(p.exp().mul(c).sum(1));
    });

    static Tensor threeBodyLaplacian(Tensor x, Tensor c) {
        int d = x.shape().dim(1);
        Tensor x0 = x.slice(1, 0, d - 2);
        Tensor x1 = x.slice(1, 1, d - 1);
        Tensor x2 = x.slice(1, 2, d);
        Tensor p = x0.mul(x1).mul(x2);
        Tensor e = p.exp().mul(c);
        Tensor s = e.sum(1);
        Tensor q = x.square().sum(1).rsub(1);
        Tensor grads = x1.mul(x2).square().add(x0.mul(x2).square()).add(x0.mul(x1).square());
        return s.mul(-2.0 * d).sub(e.mul(p).sum(1).mul(12)).add(q.mul(e.mul(grads).sum(1)));
    }

    private static Tensor points(int n, int d, long seed) {
        Tensor dir = Random.normal(Key.of(seed), Shape.of(n, d));
        Tensor r = Random.uniform(Key.of(seed + 1), Shape.of(n, 1), 0, 1);
        return dir.div(dir.square().sum(1).sqrt().reshape(n, 1)).mul(r);
    }

    @Test
    void exactLaplaciansOfTheTwoAndThreeBodySolutions() {
        for (int d : new int[] {10, 1000}) {
            Tensor x = points(7, d, d);
            Tensor c2 = Random.normal(Key.of(3), Shape.of(d - 1));
            Tensor c3 = Random.normal(Key.of(4), Shape.of(d - 2));
            Func lap2 = DiffOp.laplacian().exact(TWO_BODY);
            Func lap3 = DiffOp.laplacian().exact(THREE_BODY);
            Testing.assertClose(lap2.call(x, c2), twoBodyLaplacian(x, c2), 1e-12, "two-body d = " + d);
            Testing.assertClose(lap3.call(x, c3), threeBodyLaplacian(x, c3), 1e-12, "three-body d = " + d);
        }
        // the hand derivation itself, against the Hessian's trace at one point
        Tensor x = points(1, 6, 9);
        Tensor c = Random.normal(Key.of(5), Shape.of(5));
        Func one = Func.of(v -> TWO_BODY.apply(v.reshape(1, 6), v.constant(c)).sum());
        double trace = 0;
        Tensor h = AD.hessian(one).call(x.reshape(6));
        for (int i = 0; i < 6; i++) {
            trace += h.get(i, i);
        }
        assertEquals(trace, twoBodyLaplacian(x, c).item(), 1e-12);
    }

    /** A random tanh MLP u(x) = w3 . tanh(W2 tanh(W1 x + b1) + b2), points [N, d] to [N]. */
    static Func mlp() {
        return Func.of(5, a -> new Value[] {a[0].matmul(a[1]).add(a[2]).tanh().matmul(a[3]).tanh().matmul(a[4])});
    }

    static Tensor[] mlpParams(int d, int width, long seed) {
        return new Tensor[] {Random.normal(Key.of(seed), Shape.of(d, width)).mul(1 / Math.sqrt(d)),
            Random.normal(Key.of(seed + 1), Shape.of(width)).mul(0.1),
            Random.normal(Key.of(seed + 2), Shape.of(width, width)).mul(1 / Math.sqrt(width)),
            Random.normal(Key.of(seed + 3), Shape.of(width)).mul(1 / Math.sqrt(width))};
    }

    static Tensor[] prepend(Tensor x, Tensor[] p) {
        Tensor[] a = new Tensor[p.length + 1];
        a[0] = x;
        System.arraycopy(p, 0, a, 1, p.length);
        return a;
    }

    @Test
    void laplacianAndHessianDiagonalOfAnMlpMatchTheHessian() {
        int d = 9;
        Tensor[] p = mlpParams(d, 6, 10);
        Tensor x = points(4, d, 11);
        Func u = mlp();
        Tensor lap = DiffOp.laplacian().exact(u).call(prepend(x, p));
        Tensor diag = DiffOp.hessianDiagonal().exact(u).call(prepend(x, p));
        Tensor lapChunked = DiffOp.laplacian().on(u, Method.exact(2)).call(prepend(x, p));
        for (int n = 0; n < 4; n++) {
            int point = n;
            Func one = Func.of(v -> u.applyAll(new Value[] {v.reshape(1, d), v.constant(p[0]), v.constant(p[1]),
                v.constant(p[2]), v.constant(p[3])})[0].sum());
            Tensor h = AD.hessian(one).call(x.index(0, point));
            double trace = 0;
            for (int i = 0; i < d; i++) {
                trace += h.get(i, i);
                assertEquals(h.get(i, i), diag.get(point, i), 1e-13);
            }
            assertEquals(trace, lap.get(point), 1e-12);
            assertEquals(trace, lapChunked.get(point), 1e-12);
        }
    }

    @Test
    void mixedPartialsUpToOrderFiveMatchNestedReverseMode() {
        int d = 4;
        Func u = Func.of(x -> x.slice(1, 0, 1).mul(x.slice(1, 1, 2).square()).sin().mul(x.slice(1, 2, 3).exp())
                .add(x.slice(1, 3, 4).pow(5).mul(x.slice(1, 0, 1))).sum(1));
        Tensor x = Tensor.of(new double[][] {{0.3, -0.7, 0.2, 0.9}, {-0.4, 0.5, -0.1, 0.6}});
        int[][] multiIndices = {{1}, {0, 1}, {1, 1}, {0, 0, 1}, {1, 1, 2}, {0, 1, 2}, {3, 3, 3, 0}, {0, 1, 1, 2},
            {1, 1, 1, 1, 2}, {0, 1, 1, 2, 2}, {3, 3, 3, 3, 0}};
        for (int[] alpha : multiIndices) {
            Tensor exact = DiffOp.partial(alpha).exact(u).call(x);
            for (int n = 0; n < 2; n++) {
                int point = n;
                Func f = Func.of(v -> u.apply(v.reshape(1, d)).sum());
                for (int k = 0; k < alpha.length; k++) {
                    Func inner = f;
                    int coordinate = alpha[k];
                    f = Func.of(v -> AD.grad(inner).apply(v).index(0, coordinate));
                }
                assertEquals(f.call(x.index(0, point)).item(), exact.get(point), 1e-10,
                        "partial " + java.util.Arrays.toString(alpha) + " at point " + point);
            }
        }
        assertEquals(105, PartialPlan.of(new int[] {0, 0, 1}).factor, 0);
        assertEquals(7, PartialPlan.of(new int[] {0, 0, 1}).order);
    }

    @Test
    void biharmonicOfAPolynomialInClosedForm() {
        // u = sum_i x_i^4 + x_0^2 x_1^2: the biharmonic is 24 d + 8 (d^4/dx0^2dx1^2 counted twice, 4 each)
        int d = 5;
        Func u = Func.of(x -> x.pow(4).sum(1).add(x.slice(1, 0, 1).square().mul(x.slice(1, 1, 2).square()).sum(1)));
        Tensor x = points(3, d, 21);
        Tensor b = DiffOp.biharmonic().exact(u).call(x);
        for (int n = 0; n < 3; n++) {
            assertEquals(24 * d + 8, b.get(n), 1e-10);
        }
    }

    @Test
    void directionalSecondOrderGradientAndDivergence() {
        Func u = Func.of(x -> x.square().sum(1).mul(x.slice(1, 0, 1).sum(1)));
        Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {0.5, -1, 2}});
        // u = |x|^2 x_0: gradient = 2 x x_0 + |x|^2 e_0
        Tensor g = DiffOp.gradient().exact(u).call(x);
        assertEquals(2 * 1 * 1 + 14, g.get(0, 0), 1e-13);
        assertEquals(2 * 3 * 1, g.get(0, 2), 1e-13);
        // third derivative along v: d^3/dt^3 |x + tv|^2 (x_0 + t v_0) = 6 |v|^2 v_0
        Tensor v = Tensor.of(1, -2, 0.5);
        assertEquals(6 * 5.25, DiffOp.directional(v, 3).exact(u).call(x).get(1), 1e-12);
        // tr(A Hess u) with Hess u = 2 x_0 I + 2 (e_0 x^T + x e_0^T)
        Tensor a = Tensor.of(new double[][] {{2, 1, 0}, {1, 2, 0}, {0, 0, 1}});
        double x0 = 0.5;
        double[] xs = {0.5, -1, 2};
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double h = (i == j ? 2 * x0 : 0) + 2 * ((i == 0 ? xs[j] : 0) + (j == 0 ? xs[i] : 0));
                expected += a.get(i, j) * h;
            }
        }
        assertEquals(expected, DiffOp.secondOrder(a).exact(u).call(x).get(1), 1e-12);
        // divergence of F(x) = x * x_0: sum_i d(x_i x_0)/dx_i = d x_0 + x_0 = 4 x_0
        Func field = Func.of(y -> y.mul(y.slice(1, 0, 1)));
        assertEquals(Tensor.of(4, 2), DiffOp.divergence().exact(field).call(x));
    }

    @Test
    void badInputNamesTheOperator() {
        Tensor[] p = mlpParams(5, 4, 1);
        Func lap = DiffOp.laplacian().exact(mlp());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lap.call(prepend(Tensor.zeros(3, 6), p)));
        assertTrue(e.getMessage().contains("matmul") && e.getMessage().contains("[3, 6]"), e.getMessage());
        Func sparse = DiffOp.laplacian().on(mlp(), Method.sparse(8));
        Tensor[] withKey = new Tensor[6];
        System.arraycopy(prepend(Tensor.zeros(3, 5), p), 0, withKey, 0, 5);
        withKey[5] = Key.of(1).toTensor();
        e = assertThrows(IllegalArgumentException.class, () -> sparse.call(withKey));
        assertTrue(e.getMessage().contains("laplacian") && e.getMessage().contains("|J| = 8") && e.getMessage().contains("d = 5"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Method.sparse(0));
        assertTrue(e.getMessage().contains("|J|"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DiffOp.partial(0, 7).exact(mlp()).call(prepend(Tensor.zeros(3, 5), p)));
        assertTrue(e.getMessage().contains("partial") && e.getMessage().contains("coordinate 7"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DiffOp.biharmonic().on(mlp(), Method.sparse(2)));
        assertTrue(e.getMessage().contains("biharmonic: no sparse"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> lap.call(prepend(Tensor.zeros(5), p)));
        assertTrue(e.getMessage().contains("points must have shape [N, d]"), e.getMessage());
    }
}
