package descent.ad;

import descent.tensor.Params;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import descent.tensor.Value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The kind of one argument or result of a {@link Func}: a single tensor, or a tree of tensors
 * with a fixed structure, which is passed as its leaves in order.
 */
final class Spec {
    static final Spec TENSOR = new Spec(null);

    /** The tree's structure (leaf values unused), or null for a tensor. */
    final Params<?> tree;

    private Spec(Params<?> tree) {
        this.tree = tree;
    }

    static Spec tree(Params<?> structure) {
        return new Spec(structure);
    }

    boolean isTree() {
        return tree != null;
    }

    int leaves() {
        return tree == null ? 1 : tree.leafCount();
    }

    static int leaves(Spec[] specs) {
        int n = 0;
        for (Spec s : specs) {
            n += s.leaves();
        }
        return n;
    }

    static Spec[] tensors(int n) {
        Spec[] s = new Spec[n];
        Arrays.fill(s, TENSOR);
        return s;
    }

    /** Offsets of each spec's first leaf in the flat list. */
    static int[] offsets(Spec[] specs) {
        int[] o = new int[specs.length + 1];
        for (int i = 0; i < specs.length; i++) {
            o[i + 1] = o[i] + specs[i].leaves();
        }
        return o;
    }

    static boolean allTensors(Spec[] specs) {
        for (Spec s : specs) {
            if (s.isTree()) {
                return false;
            }
        }
        return true;
    }

    /** Flattens arguments given as tensors and trees of tensors, checking them against the specs. */
    static Tensor[] flatten(Spec[] specs, Object[] args, String fn) {
        if (args.length != specs.length) {
            throw new IllegalArgumentException(fn + ": takes " + specs.length + " argument(s) but was given " + args.length);
        }
        List<Tensor> flat = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (specs[i].isTree()) {
                if (!(a instanceof Params)) {
                    throw new IllegalArgumentException(fn + ": argument " + i + " must be a Params tree, got " + describe(a));
                }
                Params<?> p = (Params<?>) a;
                specs[i].tree.requireSameStructure(p, fn + ": argument " + i);
                for (Object leaf : p.leaves()) {
                    if (!(leaf instanceof Tensor)) {
                        throw new IllegalArgumentException(fn + ": argument " + i + " must hold tensors, got " + describe(leaf));
                    }
                    flat.add((Tensor) leaf);
                }
            } else {
                if (!(a instanceof Tensor)) {
                    throw new IllegalArgumentException(fn + ": argument " + i + " must be a Tensor, got " + describe(a));
                }
                flat.add((Tensor) a);
            }
        }
        return flat.toArray(new Tensor[0]);
    }

    private static String describe(Object o) {
        return o == null ? "null" : o.getClass().getSimpleName();
    }

    /** Regroups flat results according to the specs: a Tensor or a Params tree per spec. */
    static Object[] group(Spec[] specs, Tensor[] flat) {
        Object[] out = new Object[specs.length];
        int at = 0;
        for (int i = 0; i < specs.length; i++) {
            if (specs[i].isTree()) {
                int n = specs[i].leaves();
                out[i] = specs[i].tree.withLeaves(Arrays.asList(flat).subList(at, at + n));
                at += n;
            } else {
                out[i] = flat[at++];
            }
        }
        return out;
    }

    /** The traced values of spec i's leaves regrouped as a tree. */
    static Params<Value> valueTree(Spec spec, Value[] flat, int from) {
        return spec.tree.withLeaves(Arrays.asList(flat).subList(from, from + spec.leaves()));
    }

    /** Shapes of flat leaves. */
    static Shape[] shapes(Tensor[] flat) {
        Shape[] s = new Shape[flat.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = flat[i].shape();
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Spec)) {
            return false;
        }
        Spec s = (Spec) o;
        return tree == null ? s.tree == null : s.tree != null && tree.sameStructure(s.tree);
    }

    @Override
    public int hashCode() {
        return tree == null ? 0 : tree.paths().hashCode();
    }
}
