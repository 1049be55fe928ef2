package descent.io;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser for the Python literal subset that a {@code .npy} header is written in: dicts, tuples,
 * lists, strings, integers (with the {@code L} suffix of Python 2), {@code True}, {@code False}
 * and {@code None}. Dicts become {@link LinkedHashMap}s, lists {@link List}s, tuples {@link Tuple}s,
 * integers {@link BigInteger}s and {@code None} {@link #NONE}.
 */
final class PythonLiteral {
    /** Python's {@code None}. */
    static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    /** A Python tuple. */
    record Tuple(List<Object> items) {
    }

    /** A syntax error, with the position in the text. */
    static final class SyntaxException extends Exception {
        SyntaxException(String message) {
            super(message);
        }
    }

    private final String text;
    private int pos;

    private PythonLiteral(String text) {
        this.text = text;
    }

    /** Parses {@code text}, which must hold exactly one literal (surrounded by optional whitespace). */
    static Object parse(String text) throws SyntaxException {
        PythonLiteral p = new PythonLiteral(text);
        Object value = p.value();
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("unexpected text after the literal");
        }
        return value;
    }

    /** Python's repr of a parsed literal. */
    static String repr(Object v) {
        if (v instanceof String) {
            return "'" + ((String) v).replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? "True" : "False";
        }
        if (v instanceof Tuple) {
            List<Object> items = ((Tuple) v).items();
            return items.size() == 1 ? "(" + repr(items.get(0)) + ",)" : join(items, "(", ")");
        }
        if (v instanceof List) {
            return join((List<?>) v, "[", "]");
        }
        if (v instanceof Map) {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                sb.append(sb.length() > 1 ? ", " : "").append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
            }
            return sb.append('}').toString();
        }
        return String.valueOf(v);
    }

    private static String join(List<?> items, String open, String close) {
        StringBuilder sb = new StringBuilder(open);
        for (int i = 0; i < items.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(repr(items.get(i)));
        }
        return sb.append(close).toString();
    }

    private Object value() throws SyntaxException {
        skipSpace();
        if (pos >= text.length()) {
            throw error("unexpected end of text");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return dict();
            case '(':
                return new Tuple(sequence(')', true));
            case '[':
                return sequence(']', false);
            case '\'':
            case '"':
                return string();
            default:
                if (c == '-' || c == '+' || Character.isDigit(c)) {
                    return integer();
                }
                if (Character.isLetter(c)) {
                    return name();
                }
                throw error("unexpected character '" + c + "'");
        }
    }

    private Map<String, Object> dict() throws SyntaxException {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++;
        while (true) {
            skipSpace();
            if (peek('}')) {
                pos++;
                return map;
            }
            int at = pos;
            Object key = value();
            if (!(key instanceof String)) {
                pos = at;
                throw error("dict key is not a string");
            }
            skipSpace();
            expect(':');
            Object v = value();
            if (map.put((String) key, v) != null) {
                pos = at;
                throw error("duplicate key '" + key + "'");
            }
            skipSpace();
            if (peek(',')) {
                pos++;
            } else if (!peek('}')) {
                throw error("expected ',' or '}'");
            }
        }
    }

    /** Items up to {@code close}; a one-item tuple needs its trailing comma, as in Python. */
    private List<Object> sequence(char close, boolean tuple) throws SyntaxException {
        List<Object> items = new ArrayList<>();
        pos++;
        boolean comma = false;
        while (true) {
            skipSpace();
            if (peek(close)) {
                pos++;
                if (tuple && items.size() == 1 && !comma) {
                    pos--;
                    throw error("a parenthesized expression is not a tuple (a one-item tuple needs a trailing comma)");
                }
                return items;
            }
            items.add(value());
            skipSpace();
            comma = peek(',');
            if (comma) {
                pos++;
            } else if (!peek(close)) {
                throw error("expected ',' or '" + close + "'");
            }
        }
    }

    private String string() throws SyntaxException {
        char quote = text.charAt(pos++);
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c == '\n') {
                break;
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    break;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n': sb.append('\n'); break;
                    case 't': sb.append('\t'); break;
                    case 'r': sb.append('\r'); break;
                    case '0': sb.append('\0'); break;
                    case '\\': case '\'': case '"': sb.append(e); break;
                    default: sb.append('\\').append(e);
                }
            } else {
                sb.append(c);
            }
        }
        throw error("unterminated string");
    }

    private BigInteger integer() throws SyntaxException {
        int start = pos;
        if (peek('-') || peek('+')) {
            pos++;
        }
        int digits = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos == digits) {
            throw error("expected a digit");
        }
        if (pos < text.length() && text.charAt(pos) == '.') {
            throw error("expected an integer, found a floating-point number");
        }
        BigInteger v = new BigInteger(text.substring(start, pos));
        if (peek('L') || peek('l')) {
            pos++;
        }
        return v;
    }

    private Object name() throws SyntaxException {
        int start = pos;
        while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
            pos++;
        }
        String name = text.substring(start, pos);
        switch (name) {
            case "True":
                return Boolean.TRUE;
            case "False":
                return Boolean.FALSE;
            case "None":
                return NONE;
            default:
                pos = start;
                throw error("unknown name '" + name + "'");
        }
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) throws SyntaxException {
        if (!peek(c)) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private SyntaxException error(String what) {
        return new SyntaxException(what + " at character " + pos);
    }
}
