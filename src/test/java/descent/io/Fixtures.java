package descent.io;

import descent.tensor.Tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The NumPy-written fixtures under test/resources/npy, hand-built .npy bytes, and bitwise comparison. */
final class Fixtures {
    /** One array listed in expected.txt: the file, the archive entry (or "-") and NumPy's float64 values. */
    record Expected(String file, String entry, int[] shape, long[] bits) {
    }

    private Fixtures() {
    }

    static Path dir() {
        try {
            return Path.of(Fixtures.class.getResource("/npy/expected.txt").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path file(String name) {
        return dir().resolve(name);
    }

    static List<String> manifest() {
        try {
            List<String> lines = new ArrayList<>();
            for (String l : Files.readAllLines(file("expected.txt"))) {
                if (!l.isBlank() && !l.startsWith("#")) {
                    lines.add(l);
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Expected> expected() {
        List<Expected> out = new ArrayList<>();
        for (String line : manifest()) {
            String[] t = line.trim().split(" ");
            if (t[0].equals("digest")) {
                continue;
            }
            int[] shape = t[2].equals("scalar") ? new int[0] : Arrays.stream(t[2].split("x")).mapToInt(Integer::parseInt).toArray();
            long[] bits = new long[t.length - 3];
            for (int i = 0; i < bits.length; i++) {
                bits[i] = Long.parseUnsignedLong(t[3 + i], 16);
            }
            out.add(new Expected(t[0], t[1], shape, bits));
        }
        return out;
    }

    static String digest(String name) {
        for (String line : manifest()) {
            String[] t = line.trim().split(" ");
            if (t[0].equals("digest") && t[1].equals(name)) {
                return t[2];
            }
        }
        throw new IllegalStateException("no digest " + name + " in expected.txt");
    }

    /** Asserts shape and every element's bit pattern (so NaN payloads and the sign of zero count). */
    static void assertBits(int[] shape, long[] bits, Tensor actual, String what) {
        assertEquals(Arrays.toString(shape), Arrays.toString(actual.shape().dims()), what + ": shape");
        double[] a = actual.toArray();
        assertEquals(bits.length, a.length, what + ": element count");
        for (int i = 0; i < a.length; i++) {
            long got = Double.doubleToRawLongBits(a[i]);
            assertEquals(bits[i], got, what + ": element " + i + " is " + a[i] + " (0x" + Long.toHexString(got)
                    + "), expected " + Double.longBitsToDouble(bits[i]) + " (0x" + Long.toHexString(bits[i]) + ")");
        }
    }

    static void assertSameBits(Tensor expected, Tensor actual, String what) {
        double[] e = expected.toArray();
        long[] bits = new long[e.length];
        for (int i = 0; i < e.length; i++) {
            bits[i] = Double.doubleToRawLongBits(e[i]);
        }
        assertBits(expected.shape().dims(), bits, actual, what);
    }

    /**
     * A .npy file with the given header dict (padded with spaces and a newline to a multiple of 64
     * bytes), format version {@code major}.0, and data.
     */
    static byte[] npy(int major, String dict, byte[] data) {
        byte[] text = dict.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int prefix = major == 1 ? 10 : 12;
        int total = (prefix + text.length + 1 + 63) / 64 * 64;
        ByteBuffer b = ByteBuffer.allocate(total + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) (total - prefix));
        } else {
            b.putInt(total - prefix);
        }
        b.put(text);
        while (b.position() < total - 1) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n');
        b.put(data);
        return b.array();
    }

    static byte[] npy(String dict, byte[] data) {
        return npy(1, dict, data);
    }

    /** The doubles as bytes in the given order. */
    static byte[] doubles(ByteOrder order, double... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(order);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }
}
