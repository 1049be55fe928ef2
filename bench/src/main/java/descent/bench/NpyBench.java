package descent.bench;

import descent.io.NumPy;
import descent.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * Throughput of {@code .npy} reading and writing on a 100 MB float64 array (12.5 million elements)
 * against plain reads of the same file in the same run: {@code FileChannel.read} through a reused
 * 1 MiB direct buffer (the least a reader must do), into one direct buffer of the file's size, and
 * {@code Files.readAllBytes}. The files
 * sit in the page cache after the first iteration, so this measures the conversion and copies,
 * not the disk. Run: {@code java -cp bench/target/benchmarks.jar org.openjdk.jmh.Main NpyBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-modules", "jdk.incubator.vector"})
public class NpyBench {
    static final int N = 12_500_000;

    private Path dir;
    private Path le;
    private Path be;
    private Path f4;
    private Path out;
    private Tensor tensor;
    private ByteBuffer direct;
    private byte[] bytes;
    private final ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 20);

    @Setup(Level.Trial)
    public void setup() throws IOException {
        dir = Files.createTempDirectory("npybench");
        double[] d = new double[N];
        for (int i = 0; i < N; i++) {
            d[i] = Math.sin(i) * 1e3;
        }
        tensor = Tensor.wrap(d, N / 1000, 1000);
        le = dir.resolve("le.npy");
        NumPy.save(le, tensor);
        be = dir.resolve("be.npy");
        f4 = dir.resolve("f4.npy");
        writeRaw(be, ">f8", ByteOrder.BIG_ENDIAN, d, 8);
        writeRaw(f4, "<f4", ByteOrder.LITTLE_ENDIAN, d, 4);
        out = dir.resolve("out.npy");
        direct = ByteBuffer.allocateDirect((int) Files.size(le));
        bytes = Files.readAllBytes(le);
    }

    private static void writeRaw(Path p, String descr, ByteOrder order, double[] d, int size) throws IOException {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + N / 1000 + ", 1000), }";
        int total = (10 + dict.length() + 1 + 63) / 64 * 64;
        ByteBuffer b = ByteBuffer.allocate(total + size * d.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) (total - 10)).put(dict.getBytes());
        while (b.position() < total - 1) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n').order(order);
        for (double v : d) {
            if (size == 8) {
                b.putDouble(v);
            } else {
                b.putFloat((float) v);
            }
        }
        Files.write(p, b.array());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        for (Path p : new Path[] {le, be, f4, out}) {
            Files.deleteIfExists(p);
        }
        Files.deleteIfExists(dir);
    }

    /** Baseline: the file's bytes into a reused direct buffer. */
    @Benchmark
    public int plainChannelRead() throws IOException {
        direct.clear();
        try (FileChannel ch = FileChannel.open(le, StandardOpenOption.READ)) {
            while (direct.hasRemaining() && ch.read(direct) >= 0) {
                // read to the end
            }
        }
        return direct.position();
    }

    /** Baseline: the file's bytes through a reused 1 MiB direct buffer, as {@link #load} moves them. */
    @Benchmark
    public long plainChannelReadChunked() throws IOException {
        long total = 0;
        try (FileChannel ch = FileChannel.open(le, StandardOpenOption.READ)) {
            int n;
            while ((n = ch.read(chunk.clear())) >= 0) {
                total += n + chunk.get(0);
            }
        }
        return total;
    }

    /** Baseline: the file's bytes into a new byte[]. */
    @Benchmark
    public byte[] plainReadAllBytes() throws IOException {
        return Files.readAllBytes(le);
    }

    @Benchmark
    public Tensor load() throws IOException {
        return NumPy.load(le);
    }

    @Benchmark
    public Tensor loadBigEndian() throws IOException {
        return NumPy.load(be);
    }

    /** 12.5 million float32 elements (50 MB), converted element by element. */
    @Benchmark
    public Tensor loadFloat32() throws IOException {
        return NumPy.load(f4);
    }

    @Benchmark
    public Tensor readStream() throws IOException {
        try (InputStream in = Files.newInputStream(le)) {
            return NumPy.read(in);
        }
    }

    @Benchmark
    public Path save() throws IOException {
        NumPy.save(out, tensor);
        return out;
    }

    /** Baseline for {@link #save}: the same bytes written from a byte[]. */
    @Benchmark
    public Path plainWrite() throws IOException {
        try (OutputStream o = Files.newOutputStream(out)) {
            o.write(bytes);
        }
        return out;
    }
}
