package descent.internal.plan;

import descent.internal.trace.Eqn;
import descent.internal.trace.Graph;
import descent.tensor.Primitive;
import descent.internal.trace.Var;
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
 * Constants are copied into the plan's own buffers, and equations whose operands are all constants
 * are evaluated once, when the plan is compiled.
 *
 * <p>Runs of one plan are serialized; concurrent callers use separate instances compiled from the
 * same graph.
 */
public final class Plan {
    private final Shape[] inShapes;
    private final Shape[] outShapes;
    private final double[][] inBufs;
    private final double[][] outBufs;
    private final Kernel[] kernels;
    private final double[][][] args;
    private final double[][] results;
    private final Eqn[] eqns;
    private final long bufferElements;
    private final boolean checkNaN;

    private Plan(Shape[] inShapes, Shape[] outShapes, double[][] inBufs, double[][] outBufs, Kernel[] kernels,
                 double[][][] args, double[][] results, Eqn[] eqns, long bufferElements, boolean checkNaN) {
        this.inShapes = inShapes;
        this.outShapes = outShapes;
        this.inBufs = inBufs;
        this.outBufs = outBufs;
        this.kernels = kernels;
        this.args = args;
        this.results = results;
        this.eqns = eqns;
        this.bufferElements = bufferElements;
        this.checkNaN = checkNaN;
    }

    /** A mutable buffer assignment during compilation. */
    private static final class Buf {
        final double[] data;
        int lastUse;
        final boolean pinned;

        Buf(double[] data, int lastUse, boolean pinned) {
            this.data = data;
            this.lastUse = lastUse;
            this.pinned = pinned;
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
            inBufs[i] = new double[inShapes[i].size()];
            total[0] += inBufs[i].length;
            bufOf.put(in, new Buf(inBufs[i], lastUse.getOrDefault(in, -1), false));
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
                if (!b.pinned && b.lastUse == q && b.data.length == size && p.inPlace(i, shapes, outShape)) {
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
                if (b != out && !b.pinned && b.lastUse == q) {
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
        return new Plan(inShapes, outShapes, inBufs, outBufs, kernels.toArray(new Kernel[0]),
                args.toArray(new double[0][][]), results.toArray(new double[0][]), kept.toArray(new Eqn[0]),
                total[0], checkNaN);
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

    /** Number of kernel invocations per run. */
    public int steps() {
        return kernels.length;
    }

    /** Total elements of working memory the plan owns (inputs and intermediates). */
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
            inputs[i].copyTo(inBufs[i]);
        }
        execute();
        for (int i = 0; i < outBufs.length; i++) {
            System.arraycopy(outBufs[i], 0, outputs[i], 0, outShapes[i].size());
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
            System.arraycopy(inputs[i], inputOffsets[i], inBufs[i], 0, n);
        }
        execute();
        for (int i = 0; i < outBufs.length; i++) {
            System.arraycopy(outBufs[i], 0, outputs[i], outputOffsets[i], outShapes[i].size());
        }
    }

    private void execute() {
        if (checkNaN) {
            for (int i = 0; i < inBufs.length; i++) {
                int at = firstNaN(inBufs[i]);
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
     * (summed over its steps), largest first, as a table with each primitive's share.
     */
    public synchronized String profile(Tensor[] inputs, int runs) {
        double[][] out = new double[outShapes.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[outShapes[i].size()];
        }
        runInto(inputs, out);
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
            long[] acc = byPrim.computeIfAbsent(eqns[q].prim().name().replaceAll("\\[.*", ""), k -> new long[2]);
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

    private static int firstNaN(double[] d) {
        for (int i = 0; i < d.length; i++) {
            if (Double.isNaN(d[i])) {
                return i;
            }
        }
        return -1;
    }
}
