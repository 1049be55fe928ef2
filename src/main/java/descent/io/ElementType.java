package descent.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A NumPy element type that converts to float64: a kind (float, signed or unsigned integer, bool),
 * a size in bytes and a byte order, parsed from a {@code .npy} header's {@code descr} such as
 * {@code '<f8'}, {@code '>i4'} or {@code '|b1'}.
 */
final class ElementType {
    enum Kind { FLOAT, INT, UINT, BOOL }

    /** The type Descent writes: little-endian float64. */
    static final ElementType FLOAT64 = new ElementType(Kind.FLOAT, 8, ByteOrder.LITTLE_ENDIAN, "<f8");

    private static final Pattern DESCR = Pattern.compile("([<>|=]?)([A-Za-z])(\\d*)(.*)", Pattern.DOTALL);
    private static final double TWO_64 = 0x1p64;

    final Kind kind;
    final int size;
    final ByteOrder order;
    final String descr;

    private ElementType(Kind kind, int size, ByteOrder order, String descr) {
        this.kind = kind;
        this.size = size;
        this.order = order;
        this.descr = descr;
    }

    /**
     * The element type of a {@code descr} string. {@code '|'}, {@code '='} and no prefix mean the
     * native byte order, as in NumPy.
     *
     * @throws IOException naming {@code source} and the descriptor when the type is not numeric
     *     or not one of float16/32/64, (u)int8/16/32/64 and bool
     */
    static ElementType parse(String descr, String source) throws IOException {
        Matcher m = DESCR.matcher(descr);
        if (!m.matches()) {
            throw new IOException(source + ": unrecognized dtype descriptor '" + descr + "'");
        }
        ByteOrder order = m.group(1).equals("<") ? ByteOrder.LITTLE_ENDIAN
                : m.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.nativeOrder();
        char code = m.group(2).charAt(0);
        String rest = m.group(4);
        int size = m.group(3).isEmpty() || m.group(3).length() > 3 ? -1 : Integer.parseInt(m.group(3));
        String unsupported;
        switch (code) {
            case 'O':
                unsupported = "object arrays (pickled Python objects) are not supported";
                break;
            case 'c':
                unsupported = "complex dtypes are not supported (split real and imaginary parts in NumPy first)";
                break;
            case 'U':
            case 'S':
            case 'a':
                unsupported = "string dtypes are not supported";
                break;
            case 'V':
                unsupported = "void (raw byte) dtypes are not supported";
                break;
            case 'M':
            case 'm':
                unsupported = "datetime and timedelta dtypes are not supported";
                break;
            default:
                unsupported = null;
        }
        if (unsupported != null) {
            throw new IOException(source + ": dtype '" + descr + "': " + unsupported);
        }
        Kind kind = code == 'f' ? Kind.FLOAT : code == 'i' ? Kind.INT : code == 'u' ? Kind.UINT : code == 'b' ? Kind.BOOL : null;
        boolean sizeOk = kind == Kind.FLOAT ? size == 2 || size == 4 || size == 8
                : kind == Kind.BOOL ? size == 1
                : size == 1 || size == 2 || size == 4 || size == 8;
        if (kind == null || !rest.isEmpty() || !sizeOk) {
            throw new IOException(source + ": dtype '" + descr + "' is not supported (supported: float16, float32, float64,"
                    + " int8/16/32/64, uint8/16/32/64 and bool, in either byte order)");
        }
        return new ElementType(kind, size, order, descr);
    }

    /**
     * Converts {@code n} elements from {@code src} (from its position) into {@code dst[at ..]}.
     * 64-bit integers must convert exactly.
     *
     * @throws IOException naming {@code source} and the element index when an int64 or uint64 value
     *     has no exact float64 representation
     */
    void decode(ByteBuffer src, double[] dst, int at, int n, String source) throws IOException {
        ByteBuffer b = src.slice().order(order);
        switch (kind) {
            case FLOAT:
                if (size == 8) {
                    b.asDoubleBuffer().get(dst, at, n);
                } else if (size == 4) {
                    for (int i = 0; i < n; i++) {
                        dst[at + i] = b.getFloat(4 * i);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        dst[at + i] = halfToDouble(b.getShort(2 * i));
                    }
                }
                break;
            case BOOL:
                for (int i = 0; i < n; i++) {
                    dst[at + i] = b.get(i) != 0 ? 1 : 0;
                }
                break;
            case INT:
                switch (size) {
                    case 1: for (int i = 0; i < n; i++) dst[at + i] = b.get(i); break;
                    case 2: for (int i = 0; i < n; i++) dst[at + i] = b.getShort(2 * i); break;
                    case 4: for (int i = 0; i < n; i++) dst[at + i] = b.getInt(4 * i); break;
                    default:
                        for (int i = 0; i < n; i++) {
                            long v = b.getLong(8 * i);
                            double d = v;
                            if (d >= 0x1p63 || (long) d != v) {
                                throw inexact(source, at + i, Long.toString(v));
                            }
                            dst[at + i] = d;
                        }
                }
                break;
            case UINT:
                switch (size) {
                    case 1: for (int i = 0; i < n; i++) dst[at + i] = b.get(i) & 0xff; break;
                    case 2: for (int i = 0; i < n; i++) dst[at + i] = b.getShort(2 * i) & 0xffff; break;
                    case 4: for (int i = 0; i < n; i++) dst[at + i] = b.getInt(4 * i) & 0xffffffffL; break;
                    default:
                        for (int i = 0; i < n; i++) {
                            long v = b.getLong(8 * i);
                            double d = unsignedToDouble(v);
                            if (d >= TWO_64 || unsignedFromDouble(d) != v) {
                                throw inexact(source, at + i, Long.toUnsignedString(v));
                            }
                            dst[at + i] = d;
                        }
                }
                break;
            default:
                throw new AssertionError(kind);
        }
    }

    private IOException inexact(String source, long index, String value) {
        return new IOException(source + ": element " + index + " of the " + descr + " array, " + value
                + ", has no exact float64 representation (integers beyond 2^53 round); convert in NumPy first"
                + " if rounding is acceptable");
    }

    /** The unsigned 64-bit value {@code v} rounded to the nearest double. */
    private static double unsignedToDouble(long v) {
        if (v >= 0) {
            return v;
        }
        // halve with the lost bit kept as a sticky bit, so the rounding stays correct
        return (double) ((v >>> 1) | (v & 1)) * 2.0;
    }

    /** The unsigned 64-bit integer equal to {@code d}, for 0 <= d < 2^64 integral. */
    private static long unsignedFromDouble(double d) {
        return d < 0x1p63 ? (long) d : (long) (d - 0x1p63) ^ Long.MIN_VALUE;
    }

    /** The IEEE-754 binary16 value with bits {@code h} as a double, keeping NaN payloads as NumPy does. */
    static double halfToDouble(short h) {
        int bits = h & 0xffff;
        long sign = (long) (bits >>> 15) << 63;
        int exp = (bits >>> 10) & 0x1f;
        long mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Double.longBitsToDouble(sign | 0x7ff0000000000000L | mant << 42);
        }
        if (exp == 0) {
            double v = mant * 0x1p-24;
            return sign != 0 ? -v : v;
        }
        return Double.longBitsToDouble(sign | (long) (exp - 15 + 1023) << 52 | mant << 42);
    }
}
