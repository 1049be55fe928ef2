package descent.optim;

import descent.tensor.ParamLayout;
import descent.tensor.Shape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Different transforms for different leaves (optax's {@code multi_transform}): each leaf gets a
 * label from its path and shape, and the transform of that label sees only the leaves with that label, as
 * a smaller parameter tree of its own. Leaves of a group are gathered into preallocated vectors,
 * transformed and scattered back; a group holding every leaf works on the vectors directly.
 */
final class Partition implements Transform {
    private final BiFunction<String, Shape, String> labelOf;
    private final Map<String, Transform> transforms;

    Partition(BiFunction<String, Shape, String> labelOf, Map<String, Transform> transforms) {
        if (labelOf == null || transforms == null || transforms.isEmpty()) {
            throw new IllegalArgumentException("partition: needs a labelling function and at least one labelled transform");
        }
        transforms.forEach((k, v) -> {
            if (v == null) {
                throw new IllegalArgumentException("partition: the transform of label '" + k + "' is null");
            }
        });
        this.labelOf = labelOf;
        this.transforms = new LinkedHashMap<>(transforms);
    }

    private static final class Group {
        final String label;
        final Transform transform;
        final int[] from;
        final int[] to;
        final int[] length;
        final boolean whole;
        final double[] updates;
        final double[] params;

        Group(String label, Transform transform, ParamLayout layout, int[] leaves) {
            this.label = label;
            this.transform = transform;
            int n = leaves.length;
            from = new int[n];
            to = new int[n];
            length = new int[n];
            int at = 0;
            for (int k = 0; k < n; k++) {
                from[k] = layout.offset(leaves[k]);
                to[k] = at;
                length[k] = layout.size(leaves[k]);
                at += length[k];
            }
            whole = n == layout.leafCount();
            updates = whole ? null : new double[at];
            params = whole ? null : new double[at];
        }

        void gather(double[] src, double[] dst) {
            for (int k = 0; k < from.length; k++) {
                System.arraycopy(src, from[k], dst, to[k], length[k]);
            }
        }

        void scatter(double[] src, double[] dst) {
            for (int k = 0; k < from.length; k++) {
                System.arraycopy(src, to[k], dst, from[k], length[k]);
            }
        }
    }

    private static final class PartitionState extends State {
        final Group[] groups;

        PartitionState(Group[] groups) {
            super("partition");
            this.groups = groups;
        }
    }

    @Override
    public State init(ParamLayout layout, double[] params) {
        Map<String, List<Integer>> members = new LinkedHashMap<>();
        for (String label : transforms.keySet()) {
            members.put(label, new ArrayList<>());
        }
        for (int i = 0; i < layout.leafCount(); i++) {
            String label = labelOf.apply(layout.path(i), layout.shape(i));
            List<Integer> m = members.get(label);
            if (m == null) {
                throw new IllegalArgumentException("partition: leaf '" + layout.path(i) + "' has label '" + label
                        + "', which has no transform; labels are " + new TreeSet<>(transforms.keySet()));
            }
            m.add(i);
        }
        List<Group> groups = new ArrayList<>();
        List<State> states = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : members.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            int[] leaves = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            Group g = new Group(e.getKey(), transforms.get(e.getKey()), layout, leaves);
            ParamLayout sub = g.whole ? layout : Layouts.subset(layout, leaves);
            double[] p = params;
            if (!g.whole) {
                g.gather(params, g.params);
                p = g.params;
            }
            groups.add(g);
            states.add(g.transform.init(sub, p));
        }
        PartitionState s = new PartitionState(groups.toArray(new Group[0]));
        for (State c : states) {
            s.child(c);
        }
        return s;
    }

    @Override
    public void update(double[] updates, State state, double[] params, Context context) {
        PartitionState s = (PartitionState) state;
        List<State> cs = s.children();
        for (int k = 0; k < s.groups.length; k++) {
            Group g = s.groups[k];
            if (g.whole) {
                g.transform.update(updates, cs.get(k), params, context);
            } else {
                g.gather(updates, g.updates);
                g.gather(params, g.params);
                g.transform.update(g.updates, cs.get(k), g.params, context);
                g.scatter(g.updates, updates);
            }
        }
    }

    @Override
    public void step(double[] grads, State state, double[] params, Context context) {
        PartitionState s = (PartitionState) state;
        List<State> cs = s.children();
        for (int k = 0; k < s.groups.length; k++) {
            Group g = s.groups[k];
            if (g.whole) {
                g.transform.step(grads, cs.get(k), params, context);
            } else {
                g.gather(grads, g.updates);
                g.gather(params, g.params);
                g.transform.step(g.updates, cs.get(k), g.params, context);
                g.scatter(g.params, params);
            }
        }
    }

    @Override
    public double learningRate(State state) {
        PartitionState s = (PartitionState) state;
        for (int k = 0; k < s.groups.length; k++) {
            double lr = s.groups[k].transform.learningRate(s.children().get(k));
            if (!Double.isNaN(lr)) {
                return lr;
            }
        }
        return Double.NaN;
    }

    @Override
    public boolean skipsNonFinite() {
        for (Transform t : transforms.values()) {
            if (t.skipsNonFinite()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void evaluationPoint(State state, double[] params, double[] out) {
        PartitionState s = (PartitionState) state;
        if (out != params) {
            System.arraycopy(params, 0, out, 0, params.length);
        }
        for (int k = 0; k < s.groups.length; k++) {
            Group g = s.groups[k];
            if (g.whole) {
                g.transform.evaluationPoint(s.children().get(k), out, out);
            } else {
                g.gather(out, g.params);
                g.transform.evaluationPoint(s.children().get(k), g.params, g.params);
                g.scatter(g.params, out);
            }
        }
    }
}
