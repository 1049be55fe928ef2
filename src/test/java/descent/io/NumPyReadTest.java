package descent.io;

import descent.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static descent.io.Fixtures.assertBits;
import static descent.io.Fixtures.doubles;
import static descent.io.Fixtures.file;
import static descent.io.Fixtures.npy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading what NumPy writes: every fixture against the float64 values NumPy itself converts to. */
class NumPyReadTest {
    /** Each array of expected.txt, read from its file, from a resource stream and (archives) from a stream. */
    @TestFactory
    List<DynamicTest> everyFixtureReadsToNumPysValuesBitForBit() {
        List<DynamicTest> tests = new ArrayList<>();
        Map<String, Map<String, Tensor>> archives = new LinkedHashMap<>();
        for (Fixtures.Expected e : Fixtures.expected()) {
            String name = e.file() + (e.entry().equals("-") ? "" : ":" + e.entry());
            tests.add(DynamicTest.dynamicTest(name, () -> {
                if (e.entry().equals("-")) {
                    assertBits(e.shape(), e.bits(), NumPy.load(file(e.file())), name + " (load)");
                    try (InputStream in = NumPyReadTest.class.getResourceAsStream("/npy/" + e.file())) {
                        assertBits(e.shape(), e.bits(), NumPy.read(in), name + " (read)");
                        assertEquals(-1, in.read(), "read consumes exactly the array");
                    }
                } else {
                    Map<String, Tensor> all = archives.computeIfAbsent(e.file(), f -> loadAll(f));
                    String key = e.entry().endsWith(".npy") ? e.entry().substring(0, e.entry().length() - 4) : e.entry();
                    assertBits(e.shape(), e.bits(), all.get(key), name + " (loadAll)");
                    if (!e.file().equals("stream.npz")) {
                        try (InputStream in = Files.newInputStream(file(e.file()))) {
                            assertBits(e.shape(), e.bits(), NumPy.readAll(in).get(key), name + " (readAll)");
                        }
                    }
                }
            }));
        }
        assertTrue(tests.size() >= 40, "expected.txt lists " + tests.size() + " arrays");
        return tests;
    }

    private static Map<String, Tensor> loadAll(String name) {
        try {
            return NumPy.loadAll(file(name));
        } catch (IOException ex) {
            throw new AssertionError(ex);
        }
    }

    @Test
    void archivesKeepArchiveOrderAndStripTheNpySuffix() throws IOException {
        assertEquals(List.of("zeta", "alpha", "mid"), new ArrayList<>(NumPy.loadAll(file("stored.npz")).keySet()));
        assertEquals(List.of("zeta", "alpha", "mid"), new ArrayList<>(NumPy.loadAll(file("compressed.npz")).keySet()));
        assertEquals(List.of("zeta", "alpha", "mid"), new ArrayList<>(NumPy.loadAll(file("stream.npz")).keySet()));
        assertEquals(List.of("w", "b", "sub/v", "c"), new ArrayList<>(NumPy.loadAll(file("mixed.npz")).keySet()));
        try (InputStream in = Files.newInputStream(file("mixed.npz"))) {
            assertEquals(List.of("w", "b", "sub/v", "c"), new ArrayList<>(NumPy.readAll(in).keySet()));
        }
    }

    @Test
    void fortranOrderIsTransposedIntoRowMajor() throws IOException {
        Tensor t = NumPy.load(file("f8_fortran.npy"));
        assertArrayEquals(new int[] {2, 3, 4}, t.shape().dims());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    assertEquals((i * 12 + j * 4 + k) / 8.0, t.get(i, j, k), "element " + i + "," + j + "," + k);
                }
            }
        }
        assertTrue(t.isContiguous());
    }

    @Test
    void zeroDimensionalAndEmptyArrays() throws IOException {
        Tensor s = NumPy.load(file("f8_scalar.npy"));
        assertTrue(s.shape().isScalar());
        assertEquals(2.5, s.item());
        Tensor e = NumPy.load(file("f4_empty_2x0x4.npy"));
        assertArrayEquals(new int[] {2, 0, 4}, e.shape().dims());
        assertEquals(0, e.size());
    }

    /** Every float16 bit pattern, in both byte orders, converts exactly as NumPy's astype(float64) does. */
    @Test
    void allFloat16PatternsMatchNumPy() throws IOException, NoSuchAlgorithmException {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            ByteBuffer halves = ByteBuffer.allocate(2 * 65536).order(order);
            for (int h = 0; h < 65536; h++) {
                halves.putShort((short) h);
            }
            String descr = order == ByteOrder.LITTLE_ENDIAN ? "<f2" : ">f2";
            Tensor t = NumPy.read(new ByteArrayInputStream(
                    npy("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (65536,), }", halves.array())));
            byte[] bits = doubles(ByteOrder.LITTLE_ENDIAN, t.toArray());
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bits));
            assertEquals(Fixtures.digest("f2_all_patterns"), digest, descr);
            assertEquals(65504.0, t.get(0x7bff));
            assertEquals(0x1p-24, t.get(0x0001));
            assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(t.get(0x8000)));
            assertEquals(0x7ff8000000000000L | 0x1ffL << 42, Double.doubleToRawLongBits(t.get(0x7fff)) | 0x1ffL << 42);
        }
    }

    /** Headers NumPy accepts though its writer never produces them. */
    @Test
    void headerVariantsNumPyAlsoAccepts() throws IOException {
        double[] v = {1.5, -2.0, 0.25, 1e300, -0.0, 7.0};
        byte[] nat = doubles(ByteOrder.nativeOrder(), v);
        byte[] le = doubles(ByteOrder.LITTLE_ENDIAN, v);
        String[] nativeDescrs = {"=f8", "|f8", "f8"};
        for (String d : nativeDescrs) {
            assertRead(v, new int[] {2, 3}, npy("{'descr': '" + d + "', 'fortran_order': False, 'shape': (2, 3), }", nat), d);
        }
        assertRead(v, new int[] {2, 3}, npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2L, 3L), }", le), "Python 2 longs");
        assertRead(v, new int[] {2, 3}, npy("{\"shape\": (2,3), \"descr\": \"<f8\", \"fortran_order\": False}", le), "reordered keys, double quotes");
        assertRead(v, new int[] {6}, npy("{'descr':'<f8','fortran_order':True,'shape':(6,)}", le), "1-d Fortran order");
        assertRead(v, new int[] {6}, npy(2, "{'descr': '<f8', 'fortran_order': False, 'shape': (6,), }", le), "version 2.0");
        assertRead(v, new int[] {6}, npy(3, "{'descr': '<f8', 'fortran_order': False, 'shape': (6,), }", le), "version 3.0");
    }

    private static void assertRead(double[] v, int[] shape, byte[] file, String what) throws IOException {
        Tensor t = NumPy.read(new ByteArrayInputStream(file));
        long[] bits = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            bits[i] = Double.doubleToRawLongBits(v[i]);
        }
        assertBits(shape, bits, t, what);
    }

    /** Arrays saved one after another to one stream, as repeated np.save(f, a) calls write them. */
    @Test
    void consecutiveArraysOnOneStream() throws IOException {
        byte[] a = Files.readAllBytes(file("i1.npy"));
        byte[] b = Files.readAllBytes(file("f8_scalar.npy"));
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        InputStream in = new ByteArrayInputStream(both);
        assertEquals(Tensor.of(-128, -1, 0, 1, 127), NumPy.read(in));
        assertEquals(Tensor.scalar(2.5), NumPy.read(in));
        assertEquals(-1, in.read());
    }

    @Test
    void int64ValuesThatAreExactConvert() throws IOException {
        Tensor t = NumPy.load(file("i8_le.npy"));
        assertEquals(-0x1p63, t.get(0));
        assertEquals(0x1p53 + 2, t.get(7));
        Tensor u = NumPy.load(file("u8_be.npy"));
        assertEquals(0x1p63, u.get(3));
        assertEquals(0x1p64 - 0x1p11, u.get(5));
        assertFalse(Double.isNaN(u.get(5)));
    }
}
