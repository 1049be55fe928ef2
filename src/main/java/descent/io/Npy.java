package descent.io;

import descent.tensor.Shape;
import descent.tensor.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reading and writing of single arrays in the {@code .npy} format (see {@link NpyHeader}). Data
 * moves in chunks of {@value #CHUNK} bytes through a {@link ByteBuffer} whose bulk views convert
 * byte order, so large arrays read at close to the speed of the underlying copy.
 */
final class Npy {
    static final int CHUNK = 1 << 20;
    /** Largest header accepted; NumPy itself refuses headers over 10,000 characters by default. */
    static final int MAX_HEADER = 1 << 20;
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private Npy() {
    }

    /** Something that fills a buffer: reads until the buffer is full or the input ends, returning the count read. */
    private interface Source {
        int fill(ByteBuffer dst) throws IOException;

        /** A buffer this source fills efficiently. */
        ByteBuffer allocate(int capacity);
    }

    private static Source of(InputStream in) {
        return new Source() {
            @Override
            public int fill(ByteBuffer dst) throws IOException {
                int n = in.readNBytes(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
                dst.position(dst.position() + n);
                return n;
            }

            @Override
            public ByteBuffer allocate(int capacity) {
                return ByteBuffer.allocate(capacity);
            }
        };
    }

    private static Source of(FileChannel ch) {
        return new Source() {
            @Override
            public int fill(ByteBuffer dst) throws IOException {
                int total = 0;
                while (dst.hasRemaining()) {
                    int n = ch.read(dst);
                    if (n < 0) {
                        break;
                    }
                    total += n;
                }
                return total;
            }

            @Override
            public ByteBuffer allocate(int capacity) {
                return ByteBuffer.allocateDirect(capacity);
            }
        };
    }

    /**
     * Reads one array from {@code in}, consuming exactly its bytes.
     *
     * @param length the number of bytes the array occupies if known (they are then checked before
     *     any data is read), or -1
     */
    static Tensor read(InputStream in, String source, long length) throws IOException {
        return read(of(in), source, length);
    }

    /** Reads the array stored in a file, which must hold exactly one array. */
    static Tensor load(Path path, String source) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return read(of(ch), source, ch.size());
        }
    }

    private static Tensor read(Source src, String source, long length) throws IOException {
        ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        pre.limit(8);
        int got = src.fill(pre);
        checkMagic(pre, got, source);
        int major = pre.get(6) & 0xff;
        int minor = pre.get(7) & 0xff;
        if (major < 1 || major > 3 || minor != 0) {
            throw new IOException(source + ": unsupported .npy format version " + major + "." + minor
                    + " (versions 1.0, 2.0 and 3.0 are read)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        pre.limit(8 + lengthBytes);
        if (src.fill(pre) < lengthBytes) {
            throw new IOException(source + ": truncated .npy header (the input ends inside the header length)");
        }
        long headerLength = major == 1 ? pre.getShort(8) & 0xffff : pre.getInt(8) & 0xffffffffL;
        if (headerLength > MAX_HEADER) {
            throw new IOException(source + ": .npy header length " + headerLength + " exceeds the limit of "
                    + MAX_HEADER + " bytes");
        }
        ByteBuffer text = ByteBuffer.allocate((int) headerLength);
        int textRead = src.fill(text);
        if (textRead < headerLength) {
            throw new IOException(source + ": truncated .npy header (" + textRead + " of " + headerLength
                    + " header bytes present)");
        }
        text.flip();
        NpyHeader h = NpyHeader.parse(decodeHeader(text, major, source), source);
        long need = h.dataBytes();
        long offset = 8 + lengthBytes + headerLength;
        if (length >= 0 && length - offset != need) {
            throw sizeMismatch(source, h, Math.max(0, length - offset));
        }
        int n = h.shape.size();
        double[] data = new double[n];
        if (n > 0) {
            int perChunk = CHUNK / h.type.size;
            ByteBuffer buf = src.allocate((int) Math.min(CHUNK, need));
            for (int done = 0; done < n; ) {
                int k = Math.min(perChunk, n - done);
                buf.clear().limit(k * h.type.size);
                int r = src.fill(buf);
                if (r < k * h.type.size) {
                    throw sizeMismatch(source, h, (long) done * h.type.size + r);
                }
                buf.flip();
                h.type.decode(buf, data, done, k, source);
                done += k;
            }
        }
        if (h.fortranOrder && h.shape.rank() > 1) {
            int[] reversed = h.shape.dims();
            for (int i = 0, j = reversed.length - 1; i < j; i++, j--) {
                int t = reversed[i];
                reversed[i] = reversed[j];
                reversed[j] = t;
            }
            return Tensor.wrap(data, reversed).transpose().contiguous();
        }
        return Tensor.wrap(data, h.shape);
    }

    private static void checkMagic(ByteBuffer pre, int got, String source) throws IOException {
        if (got == 0) {
            throw new IOException(source + ": empty input, not a .npy array");
        }
        boolean npy = got == 8;
        boolean zip = got >= ZIP_MAGIC.length;
        for (int i = 0; i < NpyHeader.MAGIC.length; i++) {
            npy &= i < got && pre.get(i) == NpyHeader.MAGIC[i];
        }
        for (int i = 0; i < ZIP_MAGIC.length && zip; i++) {
            zip = pre.get(i) == ZIP_MAGIC[i];
        }
        if (zip) {
            throw new IOException(source + ": this is a zip archive (.npz?), not a .npy array; read it with loadAll or readAll");
        }
        if (!npy) {
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < got; i++) {
                hex.append(String.format("%02x", pre.get(i) & 0xff));
            }
            throw new IOException(source + ": not a .npy array: it starts with bytes " + hex
                    + ", not the magic 934e554d5059 (\\x93NUMPY) followed by a version");
        }
    }

    private static String decodeHeader(ByteBuffer text, int major, String source) throws IOException {
        if (major < 3) {
            return StandardCharsets.ISO_8859_1.decode(text).toString();
        }
        try {
            CharBuffer cb = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(text);
            return cb.toString();
        } catch (CharacterCodingException e) {
            throw new IOException(source + ": malformed .npy header (version 3.0 header is not valid UTF-8)");
        }
    }

    private static IOException sizeMismatch(String source, NpyHeader h, long present) {
        String what = present < h.dataBytes() ? "truncated data" : "unexpected bytes after the data";
        return new IOException(source + ": " + what + ": shape " + NpyHeader.formatShape(h.shape.dims()) + " of "
                + h.type.descr + " needs " + h.dataBytes() + " data bytes, " + present + " present");
    }

    /** Writes {@code t} as a C-order little-endian float64 array. */
    static void write(OutputStream out, Tensor t) throws IOException {
        out.write(NpyHeader.encode(t.shape()));
        double[] d = t.contiguousData();
        if (d.length == 0) {
            return;
        }
        int perChunk = CHUNK / 8;
        ByteBuffer buf = ByteBuffer.allocate(Math.min(perChunk, d.length) * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int off = 0; off < d.length; off += perChunk) {
            int k = Math.min(perChunk, d.length - off);
            buf.clear();
            buf.asDoubleBuffer().put(d, off, k);
            out.write(buf.array(), 0, 8 * k);
        }
    }

    /** The number of bytes {@link #write} produces for a tensor of this shape. */
    static long byteLength(Shape shape) {
        return NpyHeader.encode(shape).length + 8L * shape.size();
    }
}
