package descent.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The placement of a tree's leaves in one flat vector: leaf i (in the order of
 * {@link Params#paths()}) occupies elements {@code [offset(i), offset(i) + size(i))}, row-major.
 * Methods that want one vector (quasi-Newton, line searches, optimizer state kept in
 * preallocated arrays) work on the flat form and convert back with {@link #unflatten}.
 */
public final class ParamLayout {
    private final Params<Shape> structure;
    private final List<String> paths;
    private final Shape[] shapes;
    private final int[] offsets;
    private final int total;

    private ParamLayout(Params<Shape> structure) {
        this.structure = structure;
        this.paths = structure.paths();
        this.shapes = structure.leaves().toArray(new Shape[0]);
        this.offsets = new int[shapes.length + 1];
        long acc = 0;
        for (int i = 0; i < shapes.length; i++) {
            offsets[i] = (int) acc;
            acc += shapes[i].size();
            if (acc > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("ParamLayout: the leaves hold more than 2^31 elements in all");
            }
        }
        offsets[shapes.length] = (int) acc;
        this.total = (int) acc;
    }

    /** The layout of a tree of tensors. */
    public static ParamLayout of(Params<Tensor> params) {
        return new ParamLayout(params.map(Tensor::shape));
    }

    /** The layout of a tree of leaf shapes. */
    public static ParamLayout ofShapes(Params<Shape> shapes) {
        return new ParamLayout(shapes);
    }

    /** The tree of leaf shapes this layout places. */
    public Params<Shape> shapes() {
        return structure;
    }

    /** Number of leaves. */
    public int leafCount() {
        return shapes.length;
    }

    /** Total number of elements of all leaves: the length of the flat vector. */
    public int size() {
        return total;
    }

    /** Path of leaf {@code i}. */
    public String path(int i) {
        return paths.get(i);
    }

    /** All leaf paths, in order. */
    public List<String> paths() {
        return paths;
    }

    /** Shape of leaf {@code i}. */
    public Shape shape(int i) {
        return shapes[i];
    }

    /** Offset of leaf {@code i} in the flat vector. */
    public int offset(int i) {
        return offsets[i];
    }

    /** Number of elements of leaf {@code i}. */
    public int size(int i) {
        return offsets[i + 1] - offsets[i];
    }

    /** Index of the leaf at {@code path}. */
    public int indexOf(String path) {
        int i = paths.indexOf(path);
        if (i < 0) {
            throw new IllegalArgumentException("ParamLayout: no leaf '" + path + "'; leaves are " + paths);
        }
        return i;
    }

    /** Index of the leaf holding flat element {@code at}. */
    public int leafAt(int at) {
        if (at < 0 || at >= total) {
            throw new IndexOutOfBoundsException("ParamLayout: element " + at + " is outside [0, " + total + ")");
        }
        int i = Arrays.binarySearch(offsets, at);
        if (i >= 0) {
            while (offsets[i + 1] == at) {
                i++;
            }
            return i;
        }
        return -i - 2;
    }

    /** The leaves of {@code params} in one new vector. */
    public double[] flatten(Params<Tensor> params) {
        double[] out = new double[total];
        flattenInto(params, out);
        return out;
    }

    /**
     * Copies the leaves of {@code params} into {@code out}.
     *
     * @throws IllegalArgumentException if the tree's structure or a leaf's shape differs from this layout
     */
    public void flattenInto(Params<Tensor> params, double[] out) {
        check(params, "flatten");
        if (out.length < total) {
            throw new IllegalArgumentException("ParamLayout.flatten: vector of " + out.length + " is shorter than " + total);
        }
        List<Tensor> leaves = params.leaves();
        for (int i = 0; i < shapes.length; i++) {
            leaves.get(i).copyTo(out, offsets[i]);
        }
    }

    /** A tree of new tensors holding the elements of {@code flat}. */
    public Params<Tensor> unflatten(double[] flat) {
        if (flat.length != total) {
            throw new IllegalArgumentException("ParamLayout.unflatten: vector of " + flat.length + " elements, layout needs " + total);
        }
        List<Tensor> leaves = new ArrayList<>(shapes.length);
        for (int i = 0; i < shapes.length; i++) {
            leaves.add(Tensor.owned(Arrays.copyOfRange(flat, offsets[i], offsets[i + 1]), shapes[i]));
        }
        return structure.withLeaves(leaves);
    }

    /** Leaf {@code i} of {@code flat} as a new tensor. */
    public Tensor leaf(double[] flat, int i) {
        return Tensor.owned(Arrays.copyOfRange(flat, offsets[i], offsets[i + 1]), shapes[i]);
    }

    /**
     * Fails unless {@code params} has this layout's structure and leaf shapes.
     *
     * @throws IllegalArgumentException naming {@code op} and the first difference
     */
    public void check(Params<Tensor> params, String op) {
        structure.requireSameStructure(params, op);
        List<Tensor> leaves = params.leaves();
        for (int i = 0; i < shapes.length; i++) {
            if (!leaves.get(i).shape().equals(shapes[i])) {
                throw new IllegalArgumentException(op + ": leaf '" + paths.get(i) + "' has shape " + leaves.get(i).shape()
                        + ", the layout expects " + shapes[i]);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParamLayout && structure.equals(((ParamLayout) o).structure);
    }

    @Override
    public int hashCode() {
        return Objects.hash(structure);
    }

    @Override
    public String toString() {
        return "ParamLayout" + structure + " (" + total + " elements)";
    }
}
