package descent.ad;

import descent.Testing;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import descent.tensor.Value;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Coordinate (one-hot) tangents through a first layer cost a gather, not a dense product. */
class SparseTangentTest {
    @Test
    void aProductWithOneHotRowsIsAGather() {
        Random r = new Random(1);
        Tensor w = Testing.uniform(r, Shape.of(50, 4), -1, 1);
        Tensor idx = Tensor.of(3, 0, 49);
        Func f = Func.of((ww, i) -> i.oneHot(50).reshape(3, 1, 50).matmul(ww).tanh().sum());
        String listing = f.listing(Shape.of(50, 4), Shape.of(3));
        assertTrue(listing.contains("gather") && !listing.contains("matmul"), listing);
        double expected = 0;
        for (int j : new int[] {3, 0, 49}) {
            for (int c = 0; c < 4; c++) {
                expected += Math.tanh(w.get(j, c));
            }
        }
        assertEquals(expected, f.call(w, idx).item(), 1e-13);
        Tensor g = AD.grad(f).call(w, idx);
        assertEquals(1 - Math.pow(Math.tanh(w.get(49, 2)), 2), g.get(49, 2), 1e-15);
        assertEquals(0, g.get(10, 1), 0);
        Func transposed = Func.of((ww, i) -> i.oneHot(4).matmul(ww.transpose()).sum());
        assertTrue(transposed.listing(Shape.of(50, 4), Shape.of()).contains("gather"));
        assertEquals(w.index(1, 2).sum().item(), transposed.call(w, Tensor.scalar(2)).item(), 1e-13);
    }

    @Test
    void coordinateSecondDerivativesThroughANetworkUseGathers() {
        Random r = new Random(2);
        int d = 40;
        int width = 8;
        int n = 5;
        Tensor w1 = Testing.uniform(r, Shape.of(d, width), -0.5, 0.5);
        Tensor w2 = Testing.uniform(r, Shape.of(width), -1, 1);
        Tensor xs = Testing.uniform(r, Shape.of(n, d), -1, 1);
        Func u = Func.of(3, a -> new Value[] {a[0].matmul(a[1]).tanh().matmul(a[2])});
        Func jet2 = AD.jet(u, 2, 0);
        // second derivative along e_j at every point, for the coordinates in idx, batched over idx
        Func along = Func.of(4, a -> {
            Value tangent = a[3].oneHot(d).reshape(1, d).broadcastTo(n, d);
            return new Value[] {jet2.applyAll(a[0], a[1], a[2], tangent, a[0].zerosOf(a[0].shape()))[2]};
        });
        Func batched = AD.vmap(along, new int[] {AD.NOT_BATCHED, AD.NOT_BATCHED, AD.NOT_BATCHED, 0}, null);
        Tensor idx = Tensor.of(7, 0, 39, 12);
        String listing = batched.listing(xs.shape(), w1.shape(), w2.shape(), idx.shape());
        // the primal first layer and the output layer stay products; the tangent's first layer is a gather of 4 rows
        assertEquals(2, listing.split("= matmul", -1).length - 1, listing);
        assertTrue(listing.contains("gather[0](%1, %3)"), listing);
        assertFalse(listing.contains("[4, 5, 40]"), "no tangent of the input's width is formed:\n" + listing);
        Tensor second = batched.call(xs, w1, w2, idx);
        assertEquals(Shape.of(4, n), second.shape());
        for (int p = 0; p < n; p++) {
            int point = p;
            Func up = Func.of(x -> u.apply(x.reshape(1, d), x.constant(w1), x.constant(w2)).sum());
            Tensor h = AD.hessian(up).call(xs.index(0, point));
            int[] coords = {7, 0, 39, 12};
            for (int k = 0; k < coords.length; k++) {
                assertEquals(h.get(coords[k], coords[k]), second.get(k, point), 1e-12);
            }
        }
    }

    @Test
    void sumsOfProductsWithOneHotRowsAreGathers() {
        Random r = new Random(3);
        int d = 30;
        Tensor x = Testing.uniform(r, Shape.of(5, d), -1, 1);
        Tensor idx = Tensor.of(4, 29, 0);
        // |x + t e_j|^2 per point and coordinate: value |x|^2, first coefficient 2 x_j, second 2
        Func f = Func.of((xx, i) -> {
            Value e = i.oneHot(d).reshape(3, 1, d).broadcastTo(3, 5, d);
            Value first = xx.mul(e).add(e.mul(xx)).sum(-1);
            Value second = e.mul(e).sum(-1).mul(2);
            return first.sub(second.neg()).tanh().sum();
        });
        String listing = f.listing(x.shape(), idx.shape());
        assertFalse(listing.contains("[3, 5, " + d + "]"), listing);
        assertTrue(listing.contains("gather"), listing);
        double expected = 0;
        int[] coords = {4, 29, 0};
        for (int j = 0; j < 3; j++) {
            for (int n = 0; n < 5; n++) {
                expected += Math.tanh(2 * x.get(n, coords[j]) + 2);
            }
        }
        assertEquals(expected, f.call(x, idx).item(), 1e-12);
        Tensor g = AD.grad(f).call(x, idx);
        double t = Math.tanh(2 * x.get(2, 29) + 2);
        assertEquals(2 * (1 - t * t), g.get(2, 29), 1e-12);
        assertEquals(0, g.get(2, 5), 0);
    }
}
