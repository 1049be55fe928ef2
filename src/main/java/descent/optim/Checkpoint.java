package descent.optim;

import descent.tensor.ParamLayout;
import descent.tensor.Rng;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The file format of {@link Minimize} checkpoints: the parameter layout, the step, the parameters,
 * the batch sampler (generator state, permutation, position), every array of the optimizer's
 * state tree (moments, counters, schedule positions), the history, the evaluation counts and, for
 * a {@link Method}, the value and gradient at the current point, followed by a CRC-32 of
 * everything before it. Files are written to a temporary file and moved into place, so a crash
 * never leaves a partial checkpoint. Reading checks the magic, the checksum and that every part
 * matches the run being resumed before anything is restored, so a damaged or foreign checkpoint
 * is rejected whole.
 */
final class Checkpoint {
    private static final byte[] MAGIC = "DESCENT-CHECKPOINT".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 3;

    private Checkpoint() {
    }

    /** The mutable parts of a run that a checkpoint saves and restores. */
    static final class Run {
        ParamLayout layout;
        long step;
        double previousLoss;
        double[] x;
        Sampler sampler;
        State state;
        History history;
        long[] counts = new long[3];
        /** True if {@link #value} and {@link #grad} hold the objective at {@link #x} (runs of a {@link Method}). */
        boolean evaluated;
        double value;
        double[] grad;
    }

    static void save(Path file, Run run) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeInt(VERSION);
            writeString(out, run.layout.toString());
            out.writeLong(run.step);
            out.writeDouble(run.previousLoss);
            writeDoubles(out, run.x);
            Sampler s = run.sampler;
            out.writeBoolean(s != null);
            if (s != null) {
                out.writeInt(s.sampling.ordinal());
                out.writeInt(s.examples);
                out.writeInt(s.batch.length);
                for (long w : s.rng.state()) {
                    out.writeLong(w);
                }
                out.writeInt(s.position);
                writeInts(out, s.permutation == null ? new int[0] : s.permutation);
            }
            List<String> paths = new ArrayList<>();
            List<Object> arrays = new ArrayList<>();
            run.state.collect("", paths, arrays);
            out.writeInt(paths.size());
            for (int i = 0; i < paths.size(); i++) {
                writeString(out, paths.get(i));
                Object a = arrays.get(i);
                if (a instanceof double[]) {
                    out.writeByte('D');
                    writeDoubles(out, (double[]) a);
                } else {
                    out.writeByte('L');
                    long[] l = (long[]) a;
                    out.writeInt(l.length);
                    for (long v : l) {
                        out.writeLong(v);
                    }
                }
            }
            History h = run.history;
            int n = h.size();
            writeDoubles(out, Arrays.copyOf(h.lossArray(), n));
            writeDoubles(out, Arrays.copyOf(h.gradNormArray(), n));
            writeDoubles(out, Arrays.copyOf(h.lrArray(), n));
            writeDoubles(out, Arrays.copyOf(h.measureArray(), n));
            long[] ns = h.nanosArray();
            boolean[] sk = h.skippedArray();
            for (int k = 0; k < n; k++) {
                out.writeLong(ns[k]);
                out.writeBoolean(sk[k]);
            }
            for (long c : run.counts) {
                out.writeLong(c);
            }
            out.writeBoolean(run.evaluated);
            if (run.evaluated) {
                out.writeDouble(run.value);
                writeDoubles(out, run.grad);
            }
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
            out.flush();
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.write(tmp, bytes.toByteArray());
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Minimize: cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeDoubles(DataOutputStream out, double[] a) throws IOException {
        out.writeInt(a.length);
        for (double v : a) {
            out.writeDouble(v);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new EOFException();
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    private static void writeInts(DataOutputStream out, int[] a) throws IOException {
        out.writeInt(a.length);
        for (int v : a) {
            out.writeInt(v);
        }
    }

    private static IllegalArgumentException bad(Path file, String why) {
        return new IllegalArgumentException("Minimize: checkpoint " + file + " rejected: " + why + "; nothing was restored");
    }

    /**
     * Restores {@code run} (whose layout, sampler, state and history are freshly built for the
     * same configuration) from {@code file}.
     *
     * @throws IllegalArgumentException if the file is not a checkpoint, is damaged or truncated, or
     *                                  does not match the run; the run is then left untouched
     */
    static void restore(Path file, Run run) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Minimize: cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
        if (all.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            throw bad(file, "not a Descent checkpoint (wrong header)");
        }
        if (all.length < MAGIC.length + 12) {
            throw bad(file, "truncated (" + all.length + " bytes)");
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        long stored = 0;
        for (int i = all.length - 8; i < all.length; i++) {
            stored = (stored << 8) | (all[i] & 0xFF);
        }
        if (crc.getValue() != stored) {
            throw bad(file, "checksum mismatch (the file is corrupted or truncated)");
        }
        try {
            parseAndApply(file, new DataInputStream(new ByteArrayInputStream(all, MAGIC.length, all.length - 8 - MAGIC.length)), run);
        } catch (EOFException e) {
            throw bad(file, "truncated inside its checksummed content");
        } catch (IOException e) {
            throw bad(file, "unreadable (" + e.getMessage() + ")");
        }
    }

    private static void parseAndApply(Path file, DataInputStream in, Run run) throws IOException {
        int version = in.readInt();
        if (version != VERSION) {
            throw bad(file, "format version " + version + ", this library reads version " + VERSION);
        }
        String layout = readString(in);
        if (!layout.equals(run.layout.toString())) {
            throw bad(file, "it holds parameters " + layout + ", this run has " + run.layout);
        }
        long step = in.readLong();
        double previousLoss = in.readDouble();
        double[] x = readDoubles(in);
        if (x.length != run.x.length) {
            throw bad(file, "it holds " + x.length + " parameters, this run has " + run.x.length);
        }
        boolean hasSampler = in.readBoolean();
        Sampler s = run.sampler;
        if (hasSampler != (s != null)) {
            throw bad(file, hasSampler ? "it was written by a mini-batch run, this run is full-batch"
                    : "it was written by a full-batch run, this run uses mini-batches");
        }
        long[] rng = null;
        int position = 0;
        int[] permutation = null;
        if (hasSampler) {
            int sampling = in.readInt();
            int examples = in.readInt();
            int batch = in.readInt();
            if (sampling != s.sampling.ordinal() || examples != s.examples || batch != s.batch.length) {
                throw bad(file, "its batches are " + Sampling.values()[Math.min(sampling, Sampling.values().length - 1)] + " of "
                        + batch + " from " + examples + " examples, this run draws " + s.sampling + " of " + s.batch.length
                        + " from " + s.examples);
            }
            rng = new long[4];
            for (int i = 0; i < 4; i++) {
                rng[i] = in.readLong();
            }
            position = in.readInt();
            permutation = readInts(in);
            int expected = s.permutation == null ? 0 : s.permutation.length;
            if (permutation.length != expected || position < 0 || position > examples) {
                throw bad(file, "its sampler state does not fit " + examples + " examples");
            }
        }
        List<String> paths = new ArrayList<>();
        List<Object> arrays = new ArrayList<>();
        run.state.collect("", paths, arrays);
        int count = in.readInt();
        if (count != paths.size()) {
            throw bad(file, "its optimizer state has " + count + " arrays, this optimizer's has " + paths.size() + " " + paths);
        }
        Object[] loaded = new Object[count];
        for (int i = 0; i < count; i++) {
            String path = readString(in);
            int type = in.readByte();
            Object mine = arrays.get(i);
            if (!path.equals(paths.get(i)) || (type == 'D') != (mine instanceof double[])) {
                throw bad(file, "optimizer state entry " + i + " is '" + path + "', this optimizer expects '" + paths.get(i) + "'");
            }
            Object a;
            if (type == 'D') {
                a = readDoubles(in);
            } else {
                int n = in.readInt();
                long[] l = new long[n];
                for (int k = 0; k < n; k++) {
                    l[k] = in.readLong();
                }
                a = l;
            }
            int have = a instanceof double[] ? ((double[]) a).length : ((long[]) a).length;
            int want = mine instanceof double[] ? ((double[]) mine).length : ((long[]) mine).length;
            if (have != want) {
                throw bad(file, "optimizer state '" + path + "' has " + have + " elements, this optimizer expects " + want);
            }
            loaded[i] = a;
        }
        double[] loss = readDoubles(in);
        double[] grad = readDoubles(in);
        double[] lr = readDoubles(in);
        double[] measure = readDoubles(in);
        int n = loss.length;
        if (grad.length != n || lr.length != n || measure.length != n) {
            throw bad(file, "its history arrays differ in length");
        }
        long[] ns = new long[n];
        boolean[] skipped = new boolean[n];
        for (int k = 0; k < n; k++) {
            ns[k] = in.readLong();
            skipped[k] = in.readBoolean();
        }
        long[] counts = new long[run.counts.length];
        for (int k = 0; k < counts.length; k++) {
            counts[k] = in.readLong();
        }
        boolean evaluated = in.readBoolean();
        double value = Double.NaN;
        double[] pointGrad = null;
        if (evaluated) {
            value = in.readDouble();
            pointGrad = readDoubles(in);
            if (run.grad == null || pointGrad.length != run.grad.length) {
                throw bad(file, "it holds a gradient of " + pointGrad.length + " elements for a run that "
                        + (run.grad == null ? "does not keep one" : "has " + run.grad.length));
            }
        } else if (run.grad != null) {
            throw bad(file, "it was written by a run of a transform, this run is of a method");
        }
        if (in.available() != 0) {
            throw bad(file, in.available() + " unexpected bytes after the history");
        }
        run.step = step;
        run.previousLoss = previousLoss;
        System.arraycopy(x, 0, run.x, 0, x.length);
        if (hasSampler) {
            s.rng = Rng.fromState(rng);
            s.position = position;
            if (s.permutation != null) {
                System.arraycopy(permutation, 0, s.permutation, 0, permutation.length);
            }
        }
        for (int i = 0; i < count; i++) {
            Object dst = arrays.get(i);
            if (dst instanceof double[]) {
                System.arraycopy(loaded[i], 0, dst, 0, ((double[]) dst).length);
            } else {
                System.arraycopy(loaded[i], 0, dst, 0, ((long[]) dst).length);
            }
        }
        run.history.restore(loss, grad, lr, measure, ns, skipped);
        System.arraycopy(counts, 0, run.counts, 0, counts.length);
        run.evaluated = evaluated;
        if (evaluated) {
            run.value = value;
            System.arraycopy(pointGrad, 0, run.grad, 0, pointGrad.length);
        }
    }

    private static double[] readDoubles(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available() / 8) {
            throw new EOFException();
        }
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readDouble();
        }
        return a;
    }

    private static int[] readInts(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available() / 4) {
            throw new EOFException();
        }
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readInt();
        }
        return a;
    }
}
