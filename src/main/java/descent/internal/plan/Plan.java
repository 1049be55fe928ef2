package descent.internal.plan;

import descent.internal.trace.Eqn;
import descent.internal.trace.Graph;
import descent.tensor.Primitive;
import descent.internal.trace.Var;
import descent.tensor.Elementwise;
import descent.tensor.ElementwiseKernel;
import descent.tensor.Kernel;
import descent.tensor.Shape;
import descent.tensor.Tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A graph compiled for fixed input shapes: its equations in order, each bound to a prepared kernel
 * and to preallocated buffers. Buffers are assigned by liveness: a buffer whose last reader has run
 * is recycled for a later result of the same size, elementwise results overwrite an operand that
 * dies at that step, and reshapes alias their operand. Running the plan again on new inputs reuses
 * all of it, so a step allocates only the returned tensors (nothing with {@link #runInto}).
 * Inputs are never written: an input given as an array segment that starts at index 0 is read
 * where it is during the run, without a copy, and not retained after it (at d = 10^6 the first
 * layer's weights alone are 1 GB); other inputs are copied into buffers the plan allocates at
 * their first use. Likewise a result that a run writes at index 0 of an array is computed in that
 * array, not in a buffer of the plan's and then copied (the gradient of a 1 GB first layer is 1 GB);
 * its buffer is allocated only when a run needs it.
 * Constants are copied into the plan's own buffers, and equations whose operands are all constants
 * are evaluated once, when the plan is compiled. Consecutive elementwise steps with outputs of one
 * size run as one chain, block by block ({@link Elementwise#chain}), unless the plan checks for
 * NaN after every equation; the results are the same bits either way.
 *
 * <p>Runs of one plan are serialized; concurrent callers use separate instances compiled from the
 * same graph.
 */
public final class Plan {
    private final Shape[] inShapes;
    private final Shape[] outShapes;
    private final double[][] inBufs;
    private final double[][] placeholders;
    private final double[][] staging;
    /** For each input, the operand entries that read it. */
    private final Slots[] inSlots;
    private final int[] outInput;
    private final double[][] outBufs;
    /** For each result computed where a run wants it: the operand and result entries that hold its buffer; else null. */
    private final Slots[] outSlots;
    /** The plan's own buffer for such a result, allocated at the first run that needs it. */
    private final double[][] ownOut;
    /** For each result, whether the current run computes it in its destination (and needs no copy). */
    private final boolean[] direct;
    private final int[] zeroOffsets;
    private static final double[][] NO_INPUTS = new double[0][];
    private static final double[] UNBOUND = new double[0];
    private final Kernel[] kernels;
    private final double[][][] args;
    private final double[][] results;
    private final Eqn[] eqns;
    private final String[] labels;
    private long bufferElements;
    private final boolean checkNaN;

    private Plan(Shape[] inShapes, Shape[] outShapes, double[][] inBufs, double[][] outBufs, Kernel[] kernels,
                 double[][][] args, double[][] results, Eqn[] eqns, String[] labels, long bufferElements, boolean checkNaN,
                 List<double[][]> allArgs, boolean[] bindable, List<double[][]> chainOuts) {
        this.inShapes = inShapes;
        this.outShapes = outShapes;
        this.inBufs = inBufs;
        this.placeholders = inBufs.clone();
        this.staging = new double[inBufs.length][];
        this.inSlots = new Slots[inBufs.length];
        for (int i = 0; i < inBufs.length; i++) {
            inSlots[i] = Slots.of(allArgs, inBufs[i]);
        }
        this.outInput = new int[outBufs.length];
        for (int k = 0; k < outBufs.length; k++) {
            outInput[k] = -1;
            for (int i = 0; i < inBufs.length; i++) {
                if (outBufs[k] == inBufs[i]) {
                    outInput[k] = i;
                }
            }
        }
        this.outBufs = outBufs;
        this.bufferElements = bufferElements;
        this.outSlots = new Slots[outBufs.length];
        this.ownOut = new double[outBufs.length][];
        this.direct = new boolean[outBufs.length];
        this.zeroOffsets = new int[outBufs.length];
        List<double[][]> holders = new ArrayList<>(allArgs);
        holders.add(results);
        holders.addAll(chainOuts);
        for (int k = 0; k < outBufs.length; k++) {
            if (!bindable[k] || outInput[k] >= 0) {
                continue;
            }
            outSlots[k] = Slots.of(holders, outBufs[k]);
            this.bufferElements -= outBufs[k].length;
            bindOut(k, UNBOUND);
        }
        this.kernels = kernels;
        this.args = args;
        this.results = results;
        this.eqns = eqns;
        this.labels = labels;
        this.checkNaN = checkNaN;
    }

    /** The entries of operand and result lists that hold one buffer, so that a run can point them all at another array. */
    private record Slots(double[][][] arrays, int[] index) {
        static Slots of(List<double[][]> holders, double[] buffer) {
            List<double[][]> arrays = new ArrayList<>();
            List<Integer> index = new ArrayList<>();
            for (double[][] h : holders) {
                for (int j = 0; j < h.length; j++) {
                    if (h[j] == buffer) {
                        arrays.add(h);
                        index.add(j);
                    }
                }
            }
            return new Slots(arrays.toArray(new double[0][][]), index.stream().mapToInt(Integer::intValue).toArray());
        }

        void point(double[] data) {
            for (int j = 0; j < arrays.length; j++) {
                arrays[j][index[j]] = data;
            }
        }
    }

    /**
     * A mutable buffer assignment during compilation. A pinned buffer holds a constant; an input's
     * buffer is a placeholder that every run binds to the array the input is read from, so
     * neither is ever reused for a result.
     */
    private static final class Buf {
        final double[] data;
        int lastUse;
        final boolean pinned;
        final boolean input;

        Buf(double[] data, int lastUse, boolean pinned) {
            this(data, lastUse, pinned, false);
        }

        Buf(double[] data, int lastUse, boolean pinned, boolean input) {
            this.data = data;
            this.lastUse = lastUse;
            this.pinned = pinned;
            this.input = input;
        }

        boolean reusable() {
            return !pinned && !input;
        }
    }

    /**
     * Compiles a top-level graph.
     *
     * @param checkNaN when set, every run checks inputs and each result for NaN and reports the
     *                 first equation that produced one
     */
    public static Plan compile(Graph g, boolean checkNaN) {
        if (!g.captures().isEmpty()) {
            throw new IllegalArgumentException("only a top-level graph (one without captured values) can be compiled");
        }
        List<Eqn> list = g.eqns();
        int n = list.size();
        int forever = Integer.MAX_VALUE;
        Map<Var, Integer> lastUse = new IdentityHashMap<>();
        for (int q = 0; q < n; q++) {
            for (Var v : list.get(q).inputs()) {
                lastUse.put(v, q);
            }
        }
        for (Var o : g.outputs()) {
            lastUse.put(o, forever);
        }
        Map<Var, Buf> bufOf = new IdentityHashMap<>();
        Map<Integer, ArrayDeque<double[]>> free = new HashMap<>();
        long[] total = {0};
        Shape[] inShapes = g.inputShapes();
        double[][] inBufs = new double[inShapes.length][];
        for (int i = 0; i < inShapes.length; i++) {
            Var in = g.inputs().get(i);
            inBufs[i] = new double[0];
            bufOf.put(in, new Buf(inBufs[i], lastUse.getOrDefault(in, -1), false, true));
        }
        List<Kernel> kernels = new ArrayList<>();
        List<double[][]> args = new ArrayList<>();
        List<double[]> results = new ArrayList<>();
        List<Eqn> kept = new ArrayList<>();
        for (int q = 0; q < n; q++) {
            Eqn e = list.get(q);
            Primitive p = e.prim();
            Var[] ins = e.inputs();
            Buf[] inb = new Buf[ins.length];
            Shape[] shapes = new Shape[ins.length];
            for (int i = 0; i < ins.length; i++) {
                inb[i] = bufOf.computeIfAbsent(ins[i], v -> constantBuf(v, forever));
                shapes[i] = ins[i].shape();
            }
            int outLast = lastUse.getOrDefault(e.out(), -1);
            if (allPinned(inb) && p.foldable()) {
                double[][] a = new double[ins.length][];
                for (int i = 0; i < ins.length; i++) {
                    a[i] = inb[i].data;
                }
                double[] d = new double[e.out().shape().size()];
                p.kernel(shapes, e.out().shape()).run(a, d);
                total[0] += d.length;
                bufOf.put(e.out(), new Buf(d, forever, true));
                continue;
            }
            if (p.isView()) {
                inb[0].lastUse = Math.max(inb[0].lastUse, outLast);
                bufOf.put(e.out(), inb[0]);
                continue;
            }
            Shape outShape = e.out().shape();
            int size = outShape.size();
            Buf out = null;
            for (int i = 0; i < ins.length && out == null; i++) {
                Buf b = inb[i];
                if (b.reusable() && b.lastUse == q && b.data.length == size && p.inPlace(i, shapes, outShape)) {
                    out = b;
                    out.lastUse = outLast;
                }
            }
            if (out == null) {
                ArrayDeque<double[]> pool = free.get(size);
                double[] d = pool != null && !pool.isEmpty() ? pool.pop() : null;
                if (d == null) {
                    d = new double[size];
                    total[0] += size;
                }
                out = new Buf(d, outLast, false);
            }
            for (Buf b : inb) {
                if (b != out && b.reusable() && b.lastUse == q) {
                    b.lastUse = -2;
                    free.computeIfAbsent(b.data.length, k -> new ArrayDeque<>()).push(b.data);
                }
            }
            bufOf.put(e.out(), out);
            double[][] a = new double[ins.length][];
            for (int i = 0; i < ins.length; i++) {
                a[i] = inb[i].data;
            }
            kernels.add(p.kernel(shapes, outShape));
            args.add(a);
            results.add(out.data);
            kept.add(e);
        }
        Shape[] outShapes = g.outputShapes();
        double[][] outBufs = new double[outShapes.length][];
        for (int i = 0; i < outShapes.length; i++) {
            Var o = g.outputs().get(i);
            outBufs[i] = bufOf.computeIfAbsent(o, v -> constantBuf(v, forever)).data;
        }
        if (checkNaN) {
            for (Map.Entry<Var, Buf> c : bufOf.entrySet()) {
                if (c.getKey().isConstant()) {
                    int at = firstNaN(c.getValue().data);
                    if (at >= 0) {
                        throw new ArithmeticException("NaN check: a constant of shape " + c.getKey().shape()
                                + " holds NaN at flat index " + at);
                    }
                }
            }
        }
        List<String> labels = new ArrayList<>();
        for (Eqn e : kept) {
            labels.add(label(e));
        }
        List<double[][]> allArgs = new ArrayList<>(args);
        List<double[][]> chainOuts = new ArrayList<>();
        if (!checkNaN) {
            fuse(kernels, args, results, kept, labels, chainOuts);
        }
        boolean[] bindable = new boolean[outShapes.length];
        for (int i = 0; i < outShapes.length; i++) {
            bindable[i] = !checkNaN && bufOf.get(g.outputs().get(i)).reusable() && outBufs[i].length > 0;
            for (int j = 0; j < outShapes.length; j++) {
                bindable[i] &= j == i || outBufs[j] != outBufs[i];
            }
        }
        return new Plan(inShapes, outShapes, inBufs, outBufs, kernels.toArray(new Kernel[0]),
                args.toArray(new double[0][][]), results.toArray(new double[0][]), kept.toArray(new Eqn[0]),
                labels.toArray(new String[0]), total[0], checkNaN, allArgs, bindable, chainOuts);
    }

    /** The primitive's name without its parameters. */
    private static String label(Eqn e) {
        return e.prim().name().replaceAll("\\[.*", "");
    }

    /**
     * Replaces every run of two or more consecutive elementwise steps whose outputs have one size
     * by one step running them as a chain. The buffers stay as assigned: a chain computes each
     * element through the same steps in the same order, so liveness and in-place reuse hold.
     */
    private static void fuse(List<Kernel> kernels, List<double[][]> args, List<double[]> results, List<Eqn> eqns,
                             List<String> labels, List<double[][]> chainOuts) {
        List<Kernel> k = new ArrayList<>();
        List<double[][]> a = new ArrayList<>();
        List<double[]> r = new ArrayList<>();
        List<Eqn> e = new ArrayList<>();
        List<String> l = new ArrayList<>();
        int q = 0;
        while (q < kernels.size()) {
            int size = eqns.get(q).out().shape().size();
            int end = q;
            while (end < kernels.size() && kernels.get(end) instanceof ElementwiseKernel
                    && eqns.get(end).out().shape().size() == size) {
                end++;
            }
            if (end - q < 2) {
                end = q + 1;
                k.add(kernels.get(q));
                a.add(args.get(q));
                r.add(results.get(q));
                l.add(labels.get(q));
            } else {
                int m = end - q;
                ElementwiseKernel[] steps = new ElementwiseKernel[m];
                double[][][] in = new double[m][][];
                double[][] out = new double[m][];
                StringBuilder name = new StringBuilder();
                for (int j = 0; j < m; j++) {
                    steps[j] = (ElementwiseKernel) kernels.get(q + j);
                    in[j] = args.get(q + j);
                    out[j] = results.get(q + j);
                    if (j < 4) {
                        name.append(j == 0 ? "" : "+").append(labels.get(q + j));
                    }
                }
                if (m > 4) {
                    name.append("+... (").append(m).append(" steps)");
                }
                Runnable chain = Elementwise.chain(steps, in, out, size);
                chainOuts.add(out);
                k.add((ignoredIn, ignoredOut) -> chain.run());
                a.add(new double[0][]);
                r.add(out[m - 1]);
                l.add(name.toString());
            }
            e.add(eqns.get(end - 1));
            q = end;
        }
        kernels.clear();
        kernels.addAll(k);
        args.clear();
        args.addAll(a);
        results.clear();
        results.addAll(r);
        eqns.clear();
        eqns.addAll(e);
        labels.clear();
        labels.addAll(l);
    }

    private static Buf constantBuf(Var v, int forever) {
        if (!v.isConstant()) {
            throw new IllegalStateException("plan: " + v.label() + " is used before it is computed");
        }
        return new Buf(v.constantValue().toArray(), forever, true);
    }

    private static boolean allPinned(Buf[] bufs) {
        for (Buf b : bufs) {
            if (!b.pinned) {
                return false;
            }
        }
        return bufs.length > 0;
    }

    /** True if every run checks for NaN. */
    public boolean checksNaN() {
        return checkNaN;
    }

    /** Shapes the inputs must have. */
    public Shape[] inputShapes() {
        return inShapes.clone();
    }

    /** Shapes of the results. */
    public Shape[] outputShapes() {
        return outShapes.clone();
    }

    /** Number of kernel invocations per run; a chain of elementwise steps counts once. */
    public int steps() {
        return kernels.length;
    }

    /**
     * Total elements of working memory the plan owns for intermediates and results; inputs are read
     * in place or copied into buffers allocated at their first use, not counted here. A result's
     * buffer counts only once a run has needed it (one not wanted at index 0 of an array).
     */
    public long bufferElements() {
        return bufferElements;
    }

    /** Runs the plan and returns fresh tensors holding the results. */
    public Tensor[] run(Tensor... inputs) {
        double[][] out = new double[outShapes.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[outShapes[i].size()];
        }
        runInto(inputs, out);
        Tensor[] r = new Tensor[out.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Tensor.wrap(out[i], outShapes[i]);
        }
        return r;
    }

    /** Runs the plan, writing result i into {@code outputs[i]} (which must hold its elements). */
    public synchronized void runInto(Tensor[] inputs, double[][] outputs) {
        if (inputs.length != inShapes.length) {
            throw new IllegalArgumentException("plan takes " + inShapes.length + " input(s), got " + inputs.length);
        }
        for (int i = 0; i < inputs.length; i++) {
            if (!inputs[i].shape().equals(inShapes[i])) {
                throw new IllegalArgumentException("input " + i + " has shape " + inputs[i].shape() + ", plan expects "
                        + inShapes[i]);
            }
            double[] s = staging(i);
            inputs[i].copyTo(s);
            bind(i, s);
        }
        bindOutputs(outputs, zeroOffsets, NO_INPUTS);
        try {
            execute();
            for (int i = 0; i < outBufs.length; i++) {
                if (!direct[i]) {
                    System.arraycopy(result(i), 0, outputs[i], 0, outShapes[i].size());
                }
            }
        } finally {
            unbindOutputs();
        }
    }

    /**
     * Runs the plan with input i read from {@code inputs[i]} starting at {@code inputOffsets[i]}
     * (row-major, the input's size) and result i written into {@code outputs[i]} at
     * {@code outputOffsets[i]}: segments of flat parameter and gradient vectors, without
     * intermediate copies.
     */
    public synchronized void runInto(double[][] inputs, int[] inputOffsets, double[][] outputs, int[] outputOffsets) {
        if (inputs.length != inShapes.length || inputOffsets.length != inShapes.length
                || outputs.length != outShapes.length || outputOffsets.length != outShapes.length) {
            throw new IllegalArgumentException("plan takes " + inShapes.length + " input(s) and gives " + outShapes.length
                    + " result(s); got " + inputs.length + " inputs with " + inputOffsets.length + " offsets and "
                    + outputs.length + " outputs with " + outputOffsets.length + " offsets");
        }
        for (int i = 0; i < inputs.length; i++) {
            int n = inShapes[i].size();
            if (inputOffsets[i] < 0 || inputs[i].length - inputOffsets[i] < n) {
                throw new IllegalArgumentException("input " + i + " of shape " + inShapes[i] + " does not fit in " + inputs[i].length
                        + " values from offset " + inputOffsets[i]);
            }
            if (inputOffsets[i] == 0) {
                bind(i, inputs[i]);
            } else {
                double[] s = staging(i);
                System.arraycopy(inputs[i], inputOffsets[i], s, 0, n);
                bind(i, s);
            }
        }
        bindOutputs(outputs, outputOffsets, inputs);
        try {
            execute();
            for (int i = 0; i < outBufs.length; i++) {
                if (!direct[i]) {
                    System.arraycopy(result(i), 0, outputs[i], outputOffsets[i], outShapes[i].size());
                }
            }
        } finally {
            unbindOutputs();
            for (int i = 0; i < inputs.length; i++) {
                if (inBufs[i] == inputs[i]) {
                    bind(i, placeholders[i]);
                }
            }
        }
    }

    private void execute() {
        if (checkNaN) {
            for (int i = 0; i < inBufs.length; i++) {
                int at = firstNaN(inBufs[i], inShapes[i].size());
                if (at >= 0) {
                    throw new ArithmeticException("NaN check: input " + i + " of shape " + inShapes[i]
                            + " holds NaN at flat index " + at);
                }
            }
        }
        Kernel[] ks = kernels;
        double[][][] as = args;
        double[][] rs = results;
        if (checkNaN) {
            for (int q = 0; q < ks.length; q++) {
                ks[q].run(as[q], rs[q]);
                int at = firstNaN(rs[q]);
                if (at >= 0) {
                    throw nanError(q, at);
                }
            }
        } else {
            for (int q = 0; q < ks.length; q++) {
                ks[q].run(as[q], rs[q]);
            }
        }
    }

    /**
     * Runs the plan {@code runs} times and reports where the time goes: total time per primitive
     * (summed over its steps; a chain of elementwise steps is named by its primitives), largest
     * first, as a table with each primitive's share, then the ten slowest steps with their operand
     * and result shapes (of a chain's last step).
     */
    public synchronized String profile(Tensor[] inputs, int runs) {
        double[][] out = new double[outShapes.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[outShapes[i].size()];
        }
        runInto(inputs, out);
        bindOwnOutputs();
        long[] time = new long[kernels.length];
        for (int r = 0; r < runs; r++) {
            for (int q = 0; q < kernels.length; q++) {
                long t0 = System.nanoTime();
                kernels[q].run(args[q], results[q]);
                time[q] += System.nanoTime() - t0;
            }
        }
        java.util.Map<String, long[]> byPrim = new java.util.TreeMap<>();
        long total = 0;
        for (int q = 0; q < kernels.length; q++) {
            long[] acc = byPrim.computeIfAbsent(labels[q], k -> new long[2]);
            acc[0] += time[q];
            acc[1]++;
            total += time[q];
        }
        java.util.List<java.util.Map.Entry<String, long[]>> rows = new ArrayList<>(byPrim.entrySet());
        rows.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "%-16s %6s %12s %7s%n", "primitive", "steps",
                "us per run", "share"));
        for (java.util.Map.Entry<String, long[]> e : rows) {
            sb.append(String.format(java.util.Locale.ROOT, "%-16s %6d %12.2f %6.1f%%%n", e.getKey(), e.getValue()[1],
                    e.getValue()[0] / 1e3 / runs, 100.0 * e.getValue()[0] / Math.max(1, total)));
        }
        sb.append(String.format(java.util.Locale.ROOT, "%-16s %6d %12.2f%n", "total", kernels.length, total / 1e3 / runs));
        Integer[] order = new Integer[kernels.length];
        for (int q = 0; q < order.length; q++) {
            order[q] = q;
        }
        Arrays.sort(order, (a, b) -> Long.compare(time[b], time[a]));
        sb.append("slowest steps:\n");
        for (int i = 0; i < Math.min(10, order.length); i++) {
            int q = order[i];
            String[] shapes = new String[eqns[q].inputs().length];
            for (int j = 0; j < shapes.length; j++) {
                shapes[j] = eqns[q].input(j).shape().toString();
            }
            sb.append(String.format(java.util.Locale.ROOT, "  %4d %-16s %10.2f us  %s -> %s%n", q + 1, labels[q],
                    time[q] / 1e3 / runs, String.join(" ", shapes), eqns[q].out().shape()));
        }
        return sb.toString();
    }

    private ArithmeticException nanError(int q, int at) {
        Eqn e = eqns[q];
        String[] shapes = new String[e.inputs().length];
        for (int i = 0; i < shapes.length; i++) {
            shapes[i] = e.input(i).shape().toString();
        }
        StringBuilder sb = new StringBuilder("NaN check: ").append(e.prim().name())
                .append(" (step ").append(q + 1).append(" of ").append(eqns.length)
                .append(", operand shapes ").append(Arrays.toString(shapes))
                .append(") produced NaN at flat index ").append(at).append(" of its ").append(e.out().shape())
                .append(" result from NaN-free operands");
        if (e.site() != null) {
            sb.append("; recorded at ").append(e.site());
        }
        return new ArithmeticException(sb.toString());
    }

    /** The array result i is in after a run: its buffer, or the array an input it passes through was read from. */
    private double[] result(int i) {
        return outInput[i] < 0 ? outBufs[i] : inBufs[outInput[i]];
    }

    /** The plan's own buffer for input i, allocated at its first use. */
    private double[] staging(int i) {
        if (staging[i] == null) {
            staging[i] = new double[inShapes[i].size()];
        }
        return staging[i];
    }

    /**
     * Points each result that can be computed where it is wanted at its destination, when that is
     * index 0 of an array of at least its size that is no input's array and no earlier result's
     * destination, and at the plan's own buffer otherwise; records which in {@link #direct}.
     */
    private void bindOutputs(double[][] outputs, int[] offsets, double[][] inputs) {
        for (int k = 0; k < outBufs.length; k++) {
            direct[k] = false;
            if (outSlots[k] == null) {
                continue;
            }
            double[] dest = outputs[k];
            boolean free = offsets[k] == 0 && dest != null && dest.length >= outShapes[k].size();
            for (int i = 0; free && i < inputs.length; i++) {
                free = inputs[i] != dest;
            }
            for (int j = 0; free && j < k; j++) {
                free = !direct[j] || outputs[j] != dest;
            }
            direct[k] = free;
            bindOut(k, free ? dest : own(k));
        }
    }

    /** Lets go of the destinations results were computed in, so that the plan keeps no caller's array. */
    private void unbindOutputs() {
        for (int k = 0; k < direct.length; k++) {
            if (direct[k]) {
                bindOut(k, UNBOUND);
                direct[k] = false;
            }
        }
    }

    /** Points every entry that holds result k's buffer at the plan's own buffers (for profiling). */
    private void bindOwnOutputs() {
        for (int k = 0; k < outBufs.length; k++) {
            if (outSlots[k] != null) {
                bindOut(k, own(k));
            }
        }
    }

    private double[] own(int k) {
        if (ownOut[k] == null) {
            ownOut[k] = new double[outShapes[k].size()];
            bufferElements += ownOut[k].length;
        }
        return ownOut[k];
    }

    /** Makes every kernel operand and result that is result k's buffer use {@code data}. */
    private void bindOut(int k, double[] data) {
        outSlots[k].point(data);
        outBufs[k] = data;
    }

    /** Makes every kernel operand that is input i read {@code data}. */
    private void bind(int i, double[] data) {
        if (inBufs[i] == data) {
            return;
        }
        inSlots[i].point(data);
        inBufs[i] = data;
    }

    private static int firstNaN(double[] d, int n) {
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(d[i])) {
                return i;
            }
        }
        return -1;
    }

    private static int firstNaN(double[] d) {
        return firstNaN(d, d.length);
    }
}
