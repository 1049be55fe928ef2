package descent.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The eager tensor API: construction, views, formatting and errors. */
class TensorTest {
    @Test
    void factories() {
        assertEquals(Tensor.of(new double[][] {{1, 0}, {0, 1}}), Tensor.eye(2));
        assertEquals(Tensor.of(0, 1, 2), Tensor.arange(3));
        assertEquals(Tensor.of(0, 0.25, 0.5, 0.75, 1), Tensor.linspace(0, 1, 5));
        assertEquals(Tensor.of(new double[][] {{0, 1, 0}, {1, 0, 0}}), Tensor.oneHot(new int[] {1, 0}, 3));
        assertEquals(Shape.of(2, 3), Tensor.full(7, 2, 3).shape());
        assertThrows(IndexOutOfBoundsException.class, () -> Tensor.oneHot(new int[] {3}, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.wrap(new double[5], 2, 3));
        assertTrue(e.getMessage().contains("5 values") && e.getMessage().contains("[2, 3]"), e.getMessage());
    }

    @Test
    void viewsShareTheBufferAndReadCorrectly() {
        double[] d = {1, 2, 3, 4, 5, 6};
        Tensor t = Tensor.wrap(d, 2, 3);
        assertSame(d, t.reshape(3, 2).contiguousData());
        Tensor tr = t.transpose();
        assertFalse(tr.isContiguous());
        assertEquals(Tensor.of(new double[][] {{1, 4}, {2, 5}, {3, 6}}), tr);
        assertEquals(4.0, tr.get(0, 1));
        Tensor col = t.slice(1, 1, 3);
        assertEquals(Tensor.of(new double[][] {{2, 3}, {5, 6}}), col);
        assertEquals(Tensor.of(4, 5, 6), t.index(0, 1));
        assertEquals(Tensor.of(1, 3), t.index(0, 0).slice(0, 0, 3, 2));
        assertNotSame(d, tr.contiguous().contiguousData());
        assertEquals(Tensor.of(new double[][] {{1, 2, 3}, {1, 2, 3}}), Tensor.of(1, 2, 3).broadcastTo(2, 3));
        assertEquals(Tensor.of(new double[][] {{5, 7, 9}}), tr.transpose().sum(0).expandDims(0));
        assertEquals(Shape.of(3, 2), t.reshape(-1, 2).shape());
    }

    @Test
    void accessorsCheckTheirArguments() {
        Tensor t = Tensor.zeros(2, 3);
        assertThrows(IndexOutOfBoundsException.class, () -> t.get(2, 0));
        assertThrows(IllegalArgumentException.class, () -> t.get(1));
        assertThrows(IllegalStateException.class, t::item);
        IllegalArgumentException r = assertThrows(IllegalArgumentException.class, () -> t.reshape(4, 2));
        assertTrue(r.getMessage().contains("[2, 3]") && r.getMessage().contains("[4, 2]"), r.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.reshape(-1, -1));
        assertThrows(IllegalArgumentException.class, () -> t.sum(2));
        assertThrows(IllegalArgumentException.class, () -> t.slice(1, 2, 5));
    }

    @Test
    void formatting() {
        assertEquals("[[1.0, 2.5],\n [3.0, -4.0]]", Tensor.of(new double[][] {{1, 2.5}, {3, -4}}).toString());
        assertEquals("0.1", Tensor.scalar(0.1).toString());
        String big = Tensor.arange(2000).toString();
        assertEquals("[0.0, 1.0, 2.0, ..., 1997.0, 1998.0, 1999.0]", big);
    }

    @Test
    void equalityAndCloseness() {
        assertEquals(Tensor.of(1, 2), Tensor.of(1, 2).transpose());
        assertEquals(Tensor.of(1, 2).hashCode(), Tensor.wrap(new double[] {1, 2}, 2).hashCode());
        assertFalse(Tensor.of(1, 2).equals(Tensor.of(new double[][] {{1, 2}})));
        assertTrue(Tensor.of(1, Double.NaN).allClose(Tensor.of(1 + 1e-12, Double.NaN), 1e-9, 0));
        assertFalse(Tensor.of(1).allClose(Tensor.of(1.1), 1e-9, 1e-9));
    }

    @Test
    void stableLogSumExpAndSoftmax() {
        Tensor x = Tensor.of(new double[][] {{1000, 1000}, {-1000, Double.NEGATIVE_INFINITY}});
        Tensor lse = x.logsumexp(1);
        assertEquals(1000 + Math.log(2), lse.get(0), 1e-12);
        assertEquals(-1000, lse.get(1), 0);
        Tensor sm = Tensor.of(new double[][] {{1, 2, 3}, {-5, 0, 5}}).softmax(1);
        assertEquals(1, sm.sum(1).get(0), 1e-15);
        assertEquals(1, sm.sum(1).get(1), 1e-15);
        assertEquals(Math.exp(1) / (Math.exp(1) + Math.exp(2) + Math.exp(3)), sm.get(0, 0), 1e-16);
    }

    @Test
    void elementwiseApi() {
        Tensor x = Tensor.of(-2, 0, 3);
        assertEquals(Tensor.of(0, 0, 3), x.relu());
        assertEquals(Tensor.of(-1, 0, 2), x.clamp(-1, 2));
        assertEquals(Tensor.of(1, 0, 0), x.lt(0));
        assertEquals(Tensor.of(4, 0, 9), x.square());
        assertEquals(Tensor.of(-2 * FastMath.sigmoid(-2), 0, 3 * FastMath.sigmoid(3)), x.silu());
        assertEquals(Tensor.of(0.25, 1, 8), Tensor.scalar(2).pow(x));
        assertEquals(Tensor.of(-2, 9, 3), Tensor.where(x.ne(0), x, Tensor.scalar(9)));
        assertEquals(Tensor.scalar(3), x.max());
        assertEquals(Tensor.scalar(-2), x.min());
        assertEquals(Tensor.scalar(1.0 / 3), x.mean());
    }
}
