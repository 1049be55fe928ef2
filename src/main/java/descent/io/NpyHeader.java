package descent.io;

import descent.tensor.Shape;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The header of a {@code .npy} file: element type, memory order and shape. The format (NumPy
 * Enhancement Proposal 1) is the magic {@code \x93NUMPY}, a major and a minor version byte, the
 * header length (2 bytes little-endian in version 1.0, 4 bytes in 2.0 and 3.0), and the header:
 * a Python dict literal with the keys {@code descr}, {@code fortran_order} and {@code shape},
 * padded with spaces and a newline so the data starts at a multiple of 64 bytes. Versions 1.0 and
 * 2.0 encode the header in Latin-1, version 3.0 in UTF-8.
 */
final class NpyHeader {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    final ElementType type;
    final boolean fortranOrder;
    /** The dimensions as written, whatever the memory order. */
    final Shape shape;

    private NpyHeader(ElementType type, boolean fortranOrder, Shape shape) {
        this.type = type;
        this.fortranOrder = fortranOrder;
        this.shape = shape;
    }

    /**
     * Parses the header dict.
     *
     * @throws IOException naming {@code source} and the problem when the text is not a dict
     *     literal with exactly the three keys and values of the right types, or the type is unsupported
     */
    static NpyHeader parse(String text, String source) throws IOException {
        Object literal;
        try {
            literal = PythonLiteral.parse(text);
        } catch (PythonLiteral.SyntaxException e) {
            throw malformed(source, e.getMessage(), text);
        }
        if (!(literal instanceof Map)) {
            throw malformed(source, "not a dict", text);
        }
        Map<?, ?> dict = (Map<?, ?>) literal;
        if (!dict.keySet().equals(KEYS)) {
            throw malformed(source, "keys are " + dict.keySet() + ", expected descr, fortran_order and shape", text);
        }
        Object descr = dict.get("descr");
        if (descr instanceof List) {
            throw new IOException(source + ": structured dtypes (record arrays with named fields) are not supported;"
                    + " descr is " + abbreviate(PythonLiteral.repr(descr)));
        }
        if (!(descr instanceof String)) {
            throw malformed(source, "descr is not a string", text);
        }
        ElementType type = ElementType.parse((String) descr, source);
        Object fortran = dict.get("fortran_order");
        if (!(fortran instanceof Boolean)) {
            throw malformed(source, "fortran_order is " + PythonLiteral.repr(fortran) + ", not True or False", text);
        }
        Object shape = dict.get("shape");
        if (!(shape instanceof PythonLiteral.Tuple)) {
            throw malformed(source, "shape is not a tuple", text);
        }
        List<Object> items = ((PythonLiteral.Tuple) shape).items();
        int[] dims = new int[items.size()];
        for (int i = 0; i < dims.length; i++) {
            Object d = items.get(i);
            if (!(d instanceof BigInteger) || ((BigInteger) d).signum() < 0
                    || ((BigInteger) d).compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
                throw malformed(source, "shape entry " + PythonLiteral.repr(d) + " is not an integer in [0, 2^31)", text);
            }
            dims[i] = ((BigInteger) d).intValue();
        }
        Shape s;
        try {
            s = Shape.of(dims);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": shape " + formatShape(dims) + " does not fit a tensor: " + e.getMessage());
        }
        return new NpyHeader(type, (Boolean) fortran, s);
    }

    /** Number of data bytes that follow the header. */
    long dataBytes() {
        return (long) shape.size() * type.size;
    }

    /**
     * The complete preamble (magic, version, length, header, padding) for a C-order little-endian
     * float64 array of the given shape: version 1.0, or 2.0 when the header exceeds 65535 bytes.
     */
    static byte[] encode(Shape shape) {
        String dict = "{'descr': '" + ElementType.FLOAT64.descr + "', 'fortran_order': False, 'shape': "
                + formatShape(shape.dims()) + ", }";
        byte[] text = dict.getBytes(StandardCharsets.US_ASCII);
        int version = 1;
        int prefix = MAGIC.length + 2 + 2;
        int total = pad(prefix + text.length + 1);
        if (total - prefix > 0xffff) {
            version = 2;
            prefix += 2;
            total = pad(prefix + text.length + 1);
        }
        byte[] out = new byte[total];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[6] = (byte) version;
        out[7] = 0;
        int len = total - prefix;
        out[8] = (byte) len;
        out[9] = (byte) (len >>> 8);
        if (version == 2) {
            out[10] = (byte) (len >>> 16);
            out[11] = (byte) (len >>> 24);
        }
        System.arraycopy(text, 0, out, prefix, text.length);
        for (int i = prefix + text.length; i < total - 1; i++) {
            out[i] = ' ';
        }
        out[total - 1] = '\n';
        return out;
    }

    private static int pad(int n) {
        return (n + ALIGN - 1) / ALIGN * ALIGN;
    }

    /** Python's tuple notation: {@code ()}, {@code (5,)}, {@code (2, 3)}. */
    static String formatShape(int[] dims) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            sb.append(i > 0 ? ", " : "").append(dims[i]);
        }
        return sb.append(dims.length == 1 ? ",)" : ")").toString();
    }

    private static IOException malformed(String source, String problem, String text) {
        return new IOException(source + ": malformed .npy header (" + problem + "): " + abbreviate(text));
    }

    private static String abbreviate(String text) {
        String t = text.strip();
        return t.length() <= 200 ? t : t.substring(0, 200) + "...";
    }
}
