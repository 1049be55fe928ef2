package descent;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The check README snippets call in place of {@code System.out.println(x); // => text}. */
public final class ReadmeExpect {
    private ReadmeExpect() {
    }

    /** Asserts that {@code value} prints as {@code expected}. */
    public static void check(Object value, String expected) {
        String actual = String.valueOf(value);
        assertEquals(expected, actual, "README shows '" + expected + "' but the code prints '" + actual + "'");
    }
}
