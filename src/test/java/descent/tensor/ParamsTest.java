package descent.tensor;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParamsTest {
    private static Params<Tensor> net() {
        Params<Tensor> layer = Params.of("w", Tensor.of(new double[][] {{1, 2}, {3, 4}}), "b", Tensor.of(5, 6));
        return Params.of("layer1", layer, "scale", Tensor.scalar(7), "layer2", Params.of("w", Tensor.of(8, 9, 10)));
    }

    @Test
    void pathsAndLeavesAreDepthFirstInInsertionOrder() {
        Params<Tensor> p = net();
        assertEquals(List.of("layer1/w", "layer1/b", "scale", "layer2/w"), p.paths());
        assertEquals(4, p.leafCount());
        assertEquals(Tensor.of(5, 6), p.get("layer1/b"));
        assertEquals(Tensor.of(8, 9, 10), p.sub("layer2").get("w"));
        assertEquals(List.of("layer1", "scale", "layer2"), p.names());
        assertTrue(p.hasLeaf("scale"));
        assertFalse(p.hasLeaf("layer1"));
    }

    @Test
    void mapZipAndWithKeepTheStructure() {
        Params<Tensor> p = net();
        Params<Tensor> doubled = p.map(t -> t.mul(2));
        assertEquals(Tensor.scalar(14), doubled.get("scale"));
        Params<Tensor> sum = p.zip(doubled, Tensor::add);
        assertEquals(Tensor.of(24, 27, 30), sum.get("layer2/w"));
        Params<Tensor> replaced = p.with("layer1/b", Tensor.of(0, 0));
        assertEquals(Tensor.of(0, 0), replaced.get("layer1/b"));
        assertEquals(Tensor.of(5, 6), p.get("layer1/b"));
        assertTrue(p.sameStructure(replaced));
        assertEquals(p, p.map(t -> t));
    }

    @Test
    void layoutFlattensAndRestoresExactly() {
        Params<Tensor> p = net();
        ParamLayout layout = ParamLayout.of(p);
        assertEquals(10, layout.size());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, layout.flatten(p));
        assertEquals(6, layout.offset(2));
        assertEquals(Shape.of(3), layout.shape(3));
        assertEquals(2, layout.leafAt(6));
        assertEquals(0, layout.leafAt(3));
        assertEquals(3, layout.leafAt(9));
        assertEquals(p, layout.unflatten(layout.flatten(p)));
        assertEquals(Tensor.of(8, 9, 10), layout.leaf(layout.flatten(p), 3));
    }

    @Test
    void flattenReadsViewsInRowMajorOrder() {
        Tensor m = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        Params<Tensor> p = Params.of("a", Tensor.of(0), "t", m.transpose());
        assertArrayEquals(new double[] {0, 1, 3, 2, 4}, ParamLayout.of(p).flatten(p));
    }

    @Test
    void errorsNameTheProblem() {
        Params<Tensor> p = net();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> p.get("layer1/v")).getMessage()
                .contains("no leaf 'layer1/v'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Params.of("w", Tensor.of(1), "w", Tensor.of(2)))
                .getMessage().contains("used twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Params.of("a/b", Tensor.of(1))).getMessage()
                .contains("must not contain '/'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Params.of("w", 3.0)).getMessage()
                .contains("must be a Tensor or a Params"));
        Params<Tensor> other = Params.of("layer1", Params.of("w", Tensor.of(1)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> p.zip(other, Tensor::add)).getMessage()
                .contains("differ in structure"));
        ParamLayout layout = ParamLayout.of(p);
        Params<Tensor> reshaped = p.with("scale", Tensor.of(1, 2));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> layout.flatten(reshaped)).getMessage()
                .contains("leaf 'scale' has shape [2]"));
        assertThrows(IllegalArgumentException.class, () -> layout.unflatten(new double[3]));
    }

    @Test
    void arithmeticNormsAndDotsOnWholeTrees() {
        Params<Tensor> a = Params.of("x", Tensor.of(3, 4), "n", Params.of("y", Tensor.scalar(12)));
        Params<Tensor> b = a.map(t -> Tensor.full(1, t.shape().dims()));
        assertEquals(13, a.norm().item(), 0);
        assertEquals(19, a.dot(b).item(), 0);
        assertEquals(Tensor.of(4, 5), a.add(b).get("x"));
        assertEquals(Tensor.scalar(11), a.sub(b).get("n/y"));
        assertEquals(Tensor.of(6, 8), a.scale(2).get("x"));
        assertEquals(Tensor.of(3.5, 4.5), a.addScaled(0.5, b).get("x"));
        assertEquals(Tensor.of(3, 4), a.mul(b).get("x"));
        assertEquals(3, a.elementCount());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ParamLayout.of(a).shapes().norm()).getMessage()
                .contains("needs Tensor or Value leaves"));
    }

    @Test
    void treeArithmeticWorksOnTracedLeavesToo() {
        Params<Tensor> p = Params.of("u", Tensor.of(1, 2), "v", Tensor.of(2));
        descent.ad.Func f = descent.ad.Func.of(p, 0, (q, d) -> q.addScaled(2, q).norm());
        // |3 p| = 3 sqrt(1 + 4 + 4) = 9; gradient 3 p / |p| = p
        assertEquals(9, f.call(p).item(), 1e-14);
        assertEquals(Tensor.of(1, 2), descent.ad.AD.grad(f).callParams(p).get("u"));
    }

    @Test
    void pathsMapRoundTripAndNpzFiles() throws Exception {
        Params<Tensor> p = net();
        assertEquals(p, Params.fromPaths(p.toMap()));
        java.nio.file.Path file = java.nio.file.Files.createTempFile("params", ".npz");
        try {
            descent.io.NumPy.saveAll(file, p.toMap());
            assertEquals(p, Params.fromPaths(descent.io.NumPy.loadAll(file)));
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
        assertThrows(IllegalArgumentException.class, () -> Params.fromPaths(java.util.Map.of("a", Tensor.of(1), "a/b", Tensor.of(2))));
    }
}
