package descent.optim;

import descent.tensor.ParamLayout;
import descent.tensor.Params;
import descent.tensor.Shape;

import java.util.LinkedHashMap;
import java.util.Map;

/** Layouts derived from others: a subset of the leaves, and the single leaf of a plain vector. */
final class Layouts {
    private Layouts() {
    }

    /** The layout of a plain vector of {@code n} elements: one leaf named "x" of shape [n]. */
    static ParamLayout vector(int n) {
        return ParamLayout.ofShapes(Params.of(Shape.class, "x", Shape.of(n)));
    }

    /** The layout of the leaves {@code leaves} of {@code layout}, keeping their paths and order. */
    static ParamLayout subset(ParamLayout layout, int[] leaves) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (int i : leaves) {
            String[] parts = layout.path(i).split(Params.SEPARATOR);
            Map<String, Object> node = root;
            for (int k = 0; k < parts.length - 1; k++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> next = (Map<String, Object>) node.computeIfAbsent(parts[k], x -> new LinkedHashMap<String, Object>());
                node = next;
            }
            node.put(parts[parts.length - 1], layout.shape(i));
        }
        return ParamLayout.ofShapes(build(root));
    }

    @SuppressWarnings("unchecked")
    private static Params<Shape> build(Map<String, Object> node) {
        Params.Builder<Shape> b = Params.builder();
        for (Map.Entry<String, Object> e : node.entrySet()) {
            if (e.getValue() instanceof Shape) {
                b.put(e.getKey(), (Shape) e.getValue());
            } else {
                b.put(e.getKey(), build((Map<String, Object>) e.getValue()));
            }
        }
        return b.build();
    }
}
