package descent.tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A tree of named leaves: an ordered map from names to leaves or to nested trees, like a JAX pytree
 * of dictionaries. Model parameters are a {@code Params<Tensor>}; inside a traced function the same
 * tree holds traced values, and the gradient of a function of a tree is a tree of the same
 * structure. Leaves are addressed by paths such as {@code "layer1/w"}; their order is the order of
 * insertion, depth first, and it is the order of {@link #leaves()}, of {@link #paths()} and of the
 * flat vectors of {@link ParamLayout}.
 *
 * <p>A tree is immutable: {@link #with} and {@link #map} return new trees.
 *
 * <pre>{@code
 * Params<Tensor> p = Params.of("w", Tensor.zeros(3, 2), "b", Tensor.zeros(2));
 * Params<Tensor> net = Params.of("layer1", p, "scale", Tensor.scalar(1));
 * Tensor w = net.get("layer1/w");
 * }</pre>
 *
 * @param <T> the leaf type, typically {@link Tensor}
 */
public final class Params<T> {
    private static final Params<?> EMPTY = new Params<>(new LinkedHashMap<>());

    /** Separator of path components. */
    public static final String SEPARATOR = "/";

    private final Map<String, Object> entries;
    private List<String> pathsCache;

    private Params(LinkedHashMap<String, Object> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    /** The tree with no leaves. */
    @SuppressWarnings("unchecked")
    public static <T> Params<T> empty() {
        return (Params<T>) EMPTY;
    }

    /**
     * A tree of tensors from alternating names and values, each value a {@link Tensor} or a nested
     * {@code Params<Tensor>}: {@code Params.of("w", w, "b", b)}.
     *
     * @throws IllegalArgumentException on an odd count, a repeated or malformed name, or a value of another type
     */
    public static Params<Tensor> of(Object... namesAndValues) {
        return of(Tensor.class, namesAndValues);
    }

    /** Like {@link #of(Object...)} for leaves of type {@code leafType}. */
    @SuppressWarnings("unchecked")
    public static <T> Params<T> of(Class<T> leafType, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Params.of: expects name, value pairs, got " + namesAndValues.length + " arguments");
        }
        Builder<T> b = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!(namesAndValues[i] instanceof String)) {
                throw new IllegalArgumentException("Params.of: argument " + i + " must be a name (String), got " + describe(namesAndValues[i]));
            }
            String name = (String) namesAndValues[i];
            Object v = namesAndValues[i + 1];
            if (v instanceof Params) {
                b.put(name, (Params<T>) v);
            } else if (leafType.isInstance(v)) {
                b.put(name, leafType.cast(v));
            } else {
                throw new IllegalArgumentException("Params.of: value of '" + name + "' must be a " + leafType.getSimpleName()
                        + " or a Params, got " + describe(v));
            }
        }
        return b.build();
    }

    /** A tree from a map of names to leaves, in the map's iteration order. */
    public static <T> Params<T> fromMap(Map<String, ? extends T> leaves) {
        Builder<T> b = builder();
        leaves.forEach(b::put);
        return b.build();
    }

    /**
     * A tree from leaves keyed by their paths ({@code "layer1/w"}), nesting on the separator, in the
     * map's iteration order: the inverse of {@link #toMap()}, e.g. for a tree saved as a NumPy
     * {@code .npz} archive.
     *
     * @throws IllegalArgumentException if a path is empty, repeats, or names both a leaf and a subtree
     */
    public static <T> Params<T> fromPaths(Map<String, ? extends T> leaves) {
        LinkedHashMap<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends T> e : leaves.entrySet()) {
            String[] parts = e.getKey().split(SEPARATOR, -1);
            LinkedHashMap<String, Object> node = root;
            for (int i = 0; i < parts.length; i++) {
                checkName(parts[i]);
                Object existing = node.get(parts[i]);
                if (i == parts.length - 1) {
                    if (existing != null) {
                        throw new IllegalArgumentException("Params.fromPaths: '" + e.getKey() + "' is given twice or is also a subtree");
                    }
                    node.put(parts[i], Objects.requireNonNull(e.getValue(), () -> "Params: leaf '" + e.getKey() + "' is null"));
                } else {
                    if (existing == null) {
                        existing = new LinkedHashMap<String, Object>();
                        node.put(parts[i], existing);
                    } else if (!(existing instanceof LinkedHashMap)) {
                        throw new IllegalArgumentException("Params.fromPaths: '" + e.getKey() + "' lies below the leaf '"
                                + String.join(SEPARATOR, java.util.Arrays.copyOf(parts, i + 1)) + "'");
                    }
                    @SuppressWarnings("unchecked")
                    LinkedHashMap<String, Object> next = (LinkedHashMap<String, Object>) existing;
                    node = next;
                }
            }
        }
        return build(root);
    }

    @SuppressWarnings("unchecked")
    private static <T> Params<T> build(LinkedHashMap<String, Object> node) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        node.forEach((k, v) -> out.put(k, v instanceof LinkedHashMap ? build((LinkedHashMap<String, Object>) v) : v));
        return new Params<>(out);
    }

    /** The leaves keyed by their paths, in order (see {@link #fromPaths}). */
    public Map<String, T> toMap() {
        LinkedHashMap<String, T> m = new LinkedHashMap<>();
        List<String> p = paths();
        List<T> l = leaves();
        for (int i = 0; i < p.size(); i++) {
            m.put(p.get(i), l.get(i));
        }
        return m;
    }

    private static String describe(Object o) {
        return o == null ? "null" : o.getClass().getSimpleName();
    }

    /** A builder that adds entries in order. */
    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** Adds named leaves and subtrees in order; names must be unique within one level. */
    public static final class Builder<T> {
        private final LinkedHashMap<String, Object> entries = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds a leaf. */
        public Builder<T> put(String name, T leaf) {
            return add(name, Objects.requireNonNull(leaf, () -> "Params: leaf '" + name + "' is null"));
        }

        /** Adds a subtree. */
        public Builder<T> put(String name, Params<T> subtree) {
            return add(name, Objects.requireNonNull(subtree, () -> "Params: subtree '" + name + "' is null"));
        }

        private Builder<T> add(String name, Object v) {
            checkName(name);
            if (entries.containsKey(name)) {
                throw new IllegalArgumentException("Params: the name '" + name + "' is used twice");
            }
            entries.put(name, v);
            return this;
        }

        /** The tree. */
        public Params<T> build() {
            return new Params<>(new LinkedHashMap<>(entries));
        }
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains(SEPARATOR)) {
            throw new IllegalArgumentException("Params: a name must be non-empty and must not contain '" + SEPARATOR
                    + "', got " + (name == null ? "null" : "'" + name + "'"));
        }
    }

    // ---- access ----------------------------------------------------------------------------------

    /** Names at the top level, in order. */
    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /** True if {@code path} names a leaf. */
    public boolean hasLeaf(String path) {
        Object o = find(path);
        return o != null && !(o instanceof Params);
    }

    /**
     * The leaf at {@code path} (components joined by {@code /}).
     *
     * @throws IllegalArgumentException naming the path and the available names if there is no such leaf
     */
    @SuppressWarnings("unchecked")
    public T get(String path) {
        Object o = find(path);
        if (o == null || o instanceof Params) {
            throw new IllegalArgumentException("Params: no leaf '" + path + "'" + (o == null ? "" : " (it is a subtree)")
                    + "; leaves are " + paths());
        }
        return (T) o;
    }

    /** The subtree at {@code path}. */
    @SuppressWarnings("unchecked")
    public Params<T> sub(String path) {
        Object o = find(path);
        if (!(o instanceof Params)) {
            throw new IllegalArgumentException("Params: no subtree '" + path + "'; top-level names are " + names());
        }
        return (Params<T>) o;
    }

    private Object find(String path) {
        Object node = this;
        for (String part : path.split(SEPARATOR, -1)) {
            if (!(node instanceof Params)) {
                return null;
            }
            node = ((Params<?>) node).entries.get(part);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /** Paths of all leaves, depth first in insertion order. */
    public List<String> paths() {
        List<String> p = pathsCache;
        if (p == null) {
            List<String> acc = new ArrayList<>();
            collectPaths("", acc);
            p = pathsCache = Collections.unmodifiableList(acc);
        }
        return p;
    }

    private void collectPaths(String prefix, List<String> acc) {
        for (Map.Entry<String, Object> e : entries.entrySet()) {
            String path = prefix + e.getKey();
            if (e.getValue() instanceof Params) {
                ((Params<?>) e.getValue()).collectPaths(path + SEPARATOR, acc);
            } else {
                acc.add(path);
            }
        }
    }

    /** All leaves, in the order of {@link #paths()}. */
    @SuppressWarnings("unchecked")
    public List<T> leaves() {
        List<T> acc = new ArrayList<>();
        forEachLeaf(v -> acc.add((T) v));
        return acc;
    }

    private void forEachLeaf(java.util.function.Consumer<Object> f) {
        for (Object v : entries.values()) {
            if (v instanceof Params) {
                ((Params<?>) v).forEachLeaf(f);
            } else {
                f.accept(v);
            }
        }
    }

    /** Number of leaves. */
    public int leafCount() {
        return paths().size();
    }

    // ---- transformation --------------------------------------------------------------------------

    /** The tree of the same structure with {@code f} applied to every leaf. */
    public <U> Params<U> map(Function<? super T, ? extends U> f) {
        return mapWithPath((path, v) -> f.apply(v));
    }

    /** The tree of the same structure with {@code f(path, leaf)} at every leaf. */
    @SuppressWarnings("unchecked")
    public <U> Params<U> mapWithPath(BiFunction<String, ? super T, ? extends U> f) {
        return mapIn("", f);
    }

    @SuppressWarnings("unchecked")
    private <U> Params<U> mapIn(String prefix, BiFunction<String, ? super T, ? extends U> f) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : entries.entrySet()) {
            String path = prefix + e.getKey();
            Object v = e.getValue();
            out.put(e.getKey(), v instanceof Params ? ((Params<T>) v).mapIn(path + SEPARATOR, f)
                    : Objects.requireNonNull(f.apply(path, (T) v), () -> "Params.map: the function returned null for '" + path + "'"));
        }
        return new Params<>(out);
    }

    /**
     * The tree with {@code f(a, b)} at every leaf, for trees of the same structure.
     *
     * @throws IllegalArgumentException if the structures differ, naming the first difference
     */
    public <U, V> Params<V> zip(Params<U> other, BiFunction<? super T, ? super U, ? extends V> f) {
        requireSameStructure(other, "zip");
        List<U> theirs = other.leaves();
        int[] i = {0};
        return map(v -> f.apply(v, theirs.get(i[0]++)));
    }

    /** The tree with the leaf at {@code path} replaced by {@code leaf}; the leaf must exist. */
    public Params<T> with(String path, T leaf) {
        get(path);
        return mapWithPath((p, v) -> p.equals(path) ? leaf : v);
    }

    /** A tree of this structure whose leaves are {@code leaves}, in the order of {@link #paths()}. */
    public <U> Params<U> withLeaves(List<? extends U> leaves) {
        if (leaves.size() != leafCount()) {
            throw new IllegalArgumentException("Params: " + leaves.size() + " leaves given for a tree of " + leafCount()
                    + " leaves " + paths());
        }
        int[] i = {0};
        return map(v -> leaves.get(i[0]++));
    }

    /** True if {@code other} has the same names, nesting and order (leaf values aside). */
    public boolean sameStructure(Params<?> other) {
        return structureDifference(other, "") == null;
    }

    /**
     * Fails unless {@code other} has the same structure as this tree.
     *
     * @throws IllegalArgumentException naming {@code op} and the first difference
     */
    public void requireSameStructure(Params<?> other, String op) {
        String d = structureDifference(other, "");
        if (d != null) {
            throw new IllegalArgumentException(op + ": the trees differ in structure: " + d);
        }
    }

    private String structureDifference(Params<?> other, String prefix) {
        List<String> mine = new ArrayList<>(entries.keySet());
        List<String> theirs = new ArrayList<>(other.entries.keySet());
        if (!mine.equals(theirs)) {
            return (prefix.isEmpty() ? "top level" : "'" + prefix + "'") + " has names " + mine + " vs " + theirs;
        }
        for (String k : mine) {
            Object a = entries.get(k);
            Object b = other.entries.get(k);
            if ((a instanceof Params) != (b instanceof Params)) {
                return "'" + prefix + k + "' is a " + (a instanceof Params ? "subtree" : "leaf") + " vs a "
                        + (b instanceof Params ? "subtree" : "leaf");
            }
            if (a instanceof Params) {
                String d = ((Params<?>) a).structureDifference((Params<?>) b, prefix + k + SEPARATOR);
                if (d != null) {
                    return d;
                }
            }
        }
        return null;
    }

    // ---- arithmetic on whole trees (leaves that are tensors or traced values) ------------------------

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> Ops op(T leaf, String what) {
        if (!(leaf instanceof Ops)) {
            throw new IllegalArgumentException("Params." + what + ": needs Tensor or Value leaves, got "
                    + (leaf == null ? "null" : leaf.getClass().getSimpleName()));
        }
        return (Ops) leaf;
    }

    @SuppressWarnings("unchecked")
    private Params<T> zipOps(Params<T> other, String what, java.util.function.BinaryOperator<Ops<?>> f) {
        requireSameStructure(other, "Params." + what);
        return zip(other, (a, b) -> (T) f.apply(op(a, what), op(b, what)));
    }

    /** Leafwise this + other (trees of the same structure; leaves broadcast like tensors). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Params<T> add(Params<T> other) {
        return zipOps(other, "add", (a, b) -> (Ops) ((Ops) a).add((Ops) b));
    }

    /** Leafwise this - other. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Params<T> sub(Params<T> other) {
        return zipOps(other, "sub", (a, b) -> (Ops) ((Ops) a).sub((Ops) b));
    }

    /** Leafwise this * other. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Params<T> mul(Params<T> other) {
        return zipOps(other, "mul", (a, b) -> (Ops) ((Ops) a).mul((Ops) b));
    }

    /** Every leaf times {@code c}. */
    @SuppressWarnings("unchecked")
    public Params<T> scale(double c) {
        return map(v -> (T) op(v, "scale").mul(c));
    }

    /** this + c * other, leafwise (an axpy on whole trees). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Params<T> addScaled(double c, Params<T> other) {
        return zipOps(other, "addScaled", (a, b) -> (Ops) ((Ops) a).add(((Ops) b).mul(c)));
    }

    /** The inner product sum over leaves of sum(this_i * other_i), a scalar. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public T dot(Params<T> other) {
        requireSameStructure(other, "Params.dot");
        List<T> a = leaves();
        List<T> b = other.leaves();
        if (a.isEmpty()) {
            throw new IllegalArgumentException("Params.dot: the trees have no leaves");
        }
        Ops acc = null;
        for (int i = 0; i < a.size(); i++) {
            Ops term = (Ops) op(a.get(i), "dot").mul((Ops) op(b.get(i), "dot")).sum();
            acc = acc == null ? term : (Ops) acc.add(term);
        }
        return (T) acc;
    }

    /** The Euclidean norm of all leaves together, sqrt(sum over leaves of sum x^2): a scalar. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public T norm() {
        return (T) ((Ops) dot(this)).sqrt();
    }

    /** Total number of elements over all leaves (for tensor or traced leaves). */
    public long elementCount() {
        long n = 0;
        for (T leaf : leaves()) {
            n += op(leaf, "elementCount").size();
        }
        return n;
    }

    // ---- object ----------------------------------------------------------------------------------

    /** Equal if the structures are equal and the leaves are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Params && entries.equals(((Params<?>) o).entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    /** One line per leaf: its path and its shape or value. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Params{");
        List<String> paths = paths();
        List<T> leaves = leaves();
        for (int i = 0; i < paths.size(); i++) {
            Object v = leaves.get(i);
            String shown = v instanceof Tensor ? ((Tensor) v).shape().toString() : String.valueOf(v);
            sb.append(i > 0 ? ", " : "").append(paths.get(i)).append(": ").append(shown);
        }
        return sb.append('}').toString();
    }
}
