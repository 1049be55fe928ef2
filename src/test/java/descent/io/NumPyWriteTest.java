package descent.io;

import descent.tensor.Shape;
import descent.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static descent.io.Fixtures.assertSameBits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Java to file to Java, bit for bit, and the exact bytes NumPy expects. */
class NumPyWriteTest {
    /** Where {@link #writesTheFilesTheFixtureScriptChecks} leaves files for {@code make_fixtures.py --check}. */
    private static final Path FOR_NUMPY = Path.of("target", "npy-from-java");

    /** Signed zeros, infinities, NaNs with payloads and sign, a signalling NaN, extremes. */
    static Tensor specials() {
        long[] bits = {0x0000000000000000L, 0x8000000000000000L, 0x7ff0000000000000L, 0xfff0000000000000L,
                0x7ff8000000000000L, 0x7ff8000000000123L, 0xfff8000000000000L, 0x7ff0000000000001L,
                0x0000000000000001L, 0x7fefffffffffffffL, Double.doubleToRawLongBits(1.0 / 3), Double.doubleToRawLongBits(Math.PI)};
        double[] d = new double[bits.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = Double.longBitsToDouble(bits[i]);
        }
        return Tensor.wrap(d, 3, 4);
    }

    static Map<String, Tensor> archive() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("zeta", Tensor.arange(3));
        m.put("alpha", specials());
        m.put("mid", Tensor.scalar(-1.25));
        return m;
    }

    static List<Tensor> samples() {
        return List.of(specials(), Tensor.arange(24).div(8).reshape(2, 3, 4), Tensor.scalar(2.5), Tensor.zeros(0, 3),
                Tensor.zeros(2, 0, 4), Tensor.zeros(0), Tensor.arange(12).reshape(3, 4).transpose(),
                Tensor.arange(20).reshape(4, 5).slice(1, 1, 5, 2), Tensor.ones(1, 1, 1, 1, 1));
    }

    @Test
    void roundTripsThroughFilesAndStreamsBitForBit(@TempDir Path dir) throws IOException {
        int i = 0;
        for (Tensor t : samples()) {
            Path p = dir.resolve("t" + i++ + ".npy");
            NumPy.save(p, t);
            assertSameBits(t, NumPy.load(p), "save/load " + t.shape());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            NumPy.write(out, t);
            assertArrayEquals(Files.readAllBytes(p), out.toByteArray(), "write and save give the same bytes");
            assertSameBits(t, NumPy.read(new ByteArrayInputStream(out.toByteArray())), "write/read " + t.shape());
        }
    }

    @Test
    void archivesRoundTripInOrder(@TempDir Path dir) throws IOException {
        Map<String, Tensor> a = new LinkedHashMap<>();
        int i = 0;
        for (Tensor t : samples()) {
            a.put("s" + (samples().size() - i) + (i % 2 == 0 ? "" : ".npy"), t);
            i++;
        }
        for (boolean deflate : new boolean[] {false, true}) {
            Path p = dir.resolve(deflate ? "c.npz" : "s.npz");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (deflate) {
                NumPy.saveAllCompressed(p, a);
                NumPy.writeAllCompressed(out, a);
            } else {
                NumPy.saveAll(p, a);
                NumPy.writeAll(out, a);
            }
            assertArrayEquals(Files.readAllBytes(p), out.toByteArray(), "equal inputs give identical archives");
            for (Map<String, Tensor> back : List.of(NumPy.loadAll(p), NumPy.readAll(new ByteArrayInputStream(out.toByteArray())))) {
                assertEquals(new ArrayList<>(a.keySet()), new ArrayList<>(back.keySet()));
                for (String k : a.keySet()) {
                    assertSameBits(a.get(k), back.get(k), (deflate ? "compressed " : "stored ") + k);
                }
            }
            try (ZipFile z = new ZipFile(p.toFile())) {
                List<? extends ZipEntry> entries = z.stream().toList();
                assertEquals("s9.npy", entries.get(0).getName());
                assertEquals("s8.npy.npy", entries.get(1).getName());
                for (ZipEntry e : entries) {
                    assertEquals(deflate ? ZipEntry.DEFLATED : ZipEntry.STORED, e.getMethod(), e.getName());
                }
            }
        }
    }

    /** NumPy's layout: magic, version 1.0, header padded so the data starts at a multiple of 64. */
    @Test
    void headerIsNumPysVersionOneLayout() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NumPy.write(out, Tensor.arange(6).reshape(2, 3));
        byte[] b = out.toByteArray();
        int headerLength = (b[8] & 0xff) | (b[9] & 0xff) << 8;
        int dataStart = 10 + headerLength;
        assertEquals(0, dataStart % 64);
        assertEquals(dataStart + 48, b.length);
        assertEquals(1, b[6]);
        assertEquals(0, b[7]);
        String header = new String(b, 10, headerLength, StandardCharsets.US_ASCII);
        assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", header.strip());
        assertTrue(header.endsWith("\n"));
        ByteBuffer data = ByteBuffer.wrap(b, dataStart, 48).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            assertEquals(i, data.getDouble());
        }
        assertEquals("(5,)", NpyHeader.formatShape(new int[] {5}));
        assertEquals("()", NpyHeader.formatShape(new int[0]));
    }

    /** A header beyond 65535 bytes needs the 4-byte length of version 2.0. */
    @Test
    void versionTwoOnlyWhenTheHeaderNeedsIt(@TempDir Path dir) throws IOException {
        int[] dims = new int[30000];
        Arrays.fill(dims, 1);
        Tensor t = Tensor.wrap(new double[] {-3.5}, Shape.of(dims));
        Path p = dir.resolve("deep.npy");
        NumPy.save(p, t);
        byte[] b = Files.readAllBytes(p);
        assertEquals(2, b[6]);
        int headerLength = ByteBuffer.wrap(b, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        assertTrue(headerLength > 65535);
        assertEquals(0, (12 + headerLength) % 64);
        assertSameBits(t, NumPy.load(p), "rank 30000");
    }

    @Test
    void nullKeysAndTensorsAreRejected(@TempDir Path dir) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("a", Tensor.scalar(1));
        m.put("b", null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NumPy.saveAll(dir.resolve("x.npz"), m));
        assertEquals("saveAll: null tensor for key 'b'", e.getMessage());
        Map<String, Tensor> n = new LinkedHashMap<>();
        n.put(null, Tensor.scalar(1));
        e = assertThrows(IllegalArgumentException.class, () -> NumPy.writeAllCompressed(new ByteArrayOutputStream(), n));
        assertEquals("writeAllCompressed: null key", e.getMessage());
    }

    /**
     * Writes the files {@code make_fixtures.py --check target/npy-from-java} reads with NumPy, and
     * reads them back here.
     */
    @Test
    void writesTheFilesTheFixtureScriptChecks() throws IOException {
        Files.createDirectories(FOR_NUMPY);
        Map<String, Tensor> files = new LinkedHashMap<>();
        files.put("specials.npy", specials());
        files.put("arange.npy", Tensor.arange(24).div(8).reshape(2, 3, 4));
        files.put("transposed.npy", Tensor.arange(6).reshape(2, 3).transpose());
        files.put("scalar.npy", Tensor.scalar(2.5));
        files.put("empty.npy", Tensor.zeros(0, 3));
        for (Map.Entry<String, Tensor> f : files.entrySet()) {
            NumPy.save(FOR_NUMPY.resolve(f.getKey()), f.getValue());
            assertSameBits(f.getValue(), NumPy.load(FOR_NUMPY.resolve(f.getKey())), f.getKey());
        }
        NumPy.saveAll(FOR_NUMPY.resolve("stored.npz"), archive());
        NumPy.saveAllCompressed(FOR_NUMPY.resolve("compressed.npz"), archive());
        for (String name : new String[] {"stored.npz", "compressed.npz"}) {
            Map<String, Tensor> back = NumPy.loadAll(FOR_NUMPY.resolve(name));
            assertEquals(new ArrayList<>(archive().keySet()), new ArrayList<>(back.keySet()));
            for (String k : back.keySet()) {
                assertSameBits(archive().get(k), back.get(k), name + ":" + k);
            }
        }
        try (InputStream in = Files.newInputStream(FOR_NUMPY.resolve("transposed.npy"))) {
            assertEquals(Tensor.of(new double[][] {{0, 3}, {1, 4}, {2, 5}}), NumPy.read(in));
        }
    }
}
