package descent.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static descent.io.Fixtures.doubles;
import static descent.io.Fixtures.file;
import static descent.io.Fixtures.npy;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inputs that cannot become a tensor fail with a message naming the operation, the file and the problem. */
class NumPyErrorTest {
    private static final String F8 = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }";
    private static final byte[] SIX = doubles(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6);

    private static void fails(Executable call, String... fragments) {
        IOException e = assertThrows(IOException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message \"" + e.getMessage() + "\" lacks \"" + f + "\"");
        }
    }

    /** Loads {@code bytes} from a file and from a stream, expecting both to fail with the fragments. */
    private static void rejects(Path dir, byte[] bytes, String... fragments) throws IOException {
        Path p = Files.createTempFile(dir, "bad", ".npy");
        Files.write(p, bytes);
        String[] withFile = Arrays.copyOf(fragments, fragments.length + 1);
        withFile[fragments.length] = "load " + p + ": ";
        fails(() -> NumPy.load(p), withFile);
        String[] withOp = Arrays.copyOf(fragments, fragments.length + 1);
        withOp[fragments.length] = "read: ";
        fails(() -> NumPy.read(new ByteArrayInputStream(bytes)), withOp);
    }

    private static void rejectsFixture(String name, String... fragments) throws IOException {
        Path p = file(name);
        String[] withFile = Arrays.copyOf(fragments, fragments.length + 1);
        withFile[fragments.length] = "load " + p + ": ";
        fails(() -> NumPy.load(p), withFile);
        try (InputStream in = Files.newInputStream(p)) {
            fails(() -> NumPy.read(in), fragments);
        }
    }

    @Test
    void unsupportedDtypesFromNumPy() throws IOException {
        rejectsFixture("err_object.npy", "dtype '|O'", "object arrays (pickled Python objects) are not supported");
        rejectsFixture("err_complex.npy", "dtype '<c16'", "complex dtypes are not supported");
        rejectsFixture("err_structured.npy", "structured dtypes", "[('x', '<f8'), ('y', '<i4')]");
        rejectsFixture("err_unicode.npy", "dtype '<U3'", "string dtypes are not supported");
        rejectsFixture("err_datetime.npy", "dtype '<M8[D]'", "datetime and timedelta dtypes are not supported");
        rejectsFixture("err_longdouble.npy", "dtype '<f16' is not supported", "float16, float32, float64");
    }

    @Test
    void int64BeyondExactFloat64IsRejectedNotRounded() throws IOException {
        rejectsFixture("err_i8_inexact.npy", "element 1 of the <i8 array, 9007199254740993, has no exact float64 representation");
        rejectsFixture("err_u8_inexact.npy", "element 1 of the >u8 array, 18446744073709551615, has no exact float64 representation");
    }

    @Test
    void truncatedAndOverlongData(@TempDir Path dir) throws IOException {
        byte[] good = npy(F8, SIX);
        rejects(dir, Arrays.copyOf(good, good.length - 3), "truncated data: shape (2, 3) of <f8 needs 48 data bytes, 45 present");
        rejects(dir, Arrays.copyOf(good, good.length - 48), "truncated data", "0 present");
        rejects(dir, Arrays.copyOf(good, 40), "truncated .npy header (30 of 118 header bytes present)");
        rejects(dir, Arrays.copyOf(good, 9), "truncated .npy header (the input ends inside the header length)");
        Path p = dir.resolve("long.npy");
        Files.write(p, Arrays.copyOf(good, good.length + 8));
        fails(() -> NumPy.load(p), "load " + p, "unexpected bytes after the data", "needs 48 data bytes, 56 present");
        byte[] big = npy("{'descr': '<i4', 'fortran_order': False, 'shape': (400000,), }", new byte[1_600_000 - 1]);
        rejects(dir, big, "truncated data: shape (400000,) of <i4 needs 1600000 data bytes, 1599999 present");
    }

    @Test
    void badMagicAndVersions(@TempDir Path dir) throws IOException {
        rejects(dir, new byte[0], "empty input, not a .npy array");
        rejects(dir, new byte[] {(byte) 0x93, 'N', 'U'}, "not a .npy array: it starts with bytes 934e55");
        byte[] bad = npy(F8, SIX);
        bad[5] = 'Z';
        rejects(dir, bad, "not a .npy array: it starts with bytes 934e554d505a0100");
        rejects(dir, "x,y\n1,2\n".getBytes(), "not a .npy array", "782c790a");
        rejects(dir, Files.readAllBytes(file("stored.npz")), "zip archive (.npz?), not a .npy array; read it with loadAll");
        byte[] v4 = npy(F8, SIX);
        v4[6] = 4;
        rejects(dir, v4, "unsupported .npy format version 4.0");
        byte[] v11 = npy(F8, SIX);
        v11[7] = 1;
        rejects(dir, v11, "unsupported .npy format version 1.1");
        byte[] huge = npy(2, F8, SIX);
        huge[11] = 0x7f;
        rejects(dir, huge, "header length", "exceeds the limit");
    }

    @Test
    void malformedHeaders(@TempDir Path dir) throws IOException {
        String[][] cases = {
                {"[1, 2]", "not a dict"},
                {"{'descr': '<f8', 'fortran_order': False}", "keys are [descr, fortran_order], expected descr, fortran_order and shape"},
                {"{'descr': '<f8', 'fortran_order': False, 'shape': (6,), 'extra': 1}", "keys are [descr, fortran_order, shape, extra]"},
                {"{'descr': 5, 'fortran_order': False, 'shape': (6,)}", "descr is not a string"},
                {"{'descr': '<f8', 'fortran_order': 'yes', 'shape': (6,)}", "fortran_order is 'yes', not True or False"},
                {"{'descr': '<f8', 'fortran_order': None, 'shape': (6,)}", "fortran_order is None, not True or False"},
                {"{'descr': '<f8', 'fortran_order': False, 'shape': [2, 3]}", "shape is not a tuple"},
                {"{'descr': '<f8', 'fortran_order': False, 'shape': (6)}", "a one-item tuple needs a trailing comma"},
                {"{'descr': '<f8', 'fortran_order': False, 'shape': (-6,)}", "shape entry -6 is not an integer in [0, 2^31)"},
                {"{'descr': '<f8', 'fortran_order': False, 'shape': (6.0,)}", "expected an integer, found a floating-point number"},
                {"{'descr': '<f8', 'fortran_order': False, 'shape': (6,), ", "unexpected end of text"},
                {"{'descr': '<f8, 'fortran_order': False, 'shape': (6,)}", "expected ',' or '}' at character 17"},
                {"{'descr': '<f8', 'fortran_order': Flase, 'shape': (6,)}", "unknown name 'Flase'"},
                {"{'descr': '<f8', 'descr': '<f8', 'shape': (6,)}", "duplicate key 'descr'"},
                {"{'descr': '<f8', 'fortran_order': False, 'shape': (6,)} x", "unexpected text after the literal"},
                {"", "unexpected end of text"},
        };
        for (String[] c : cases) {
            rejects(dir, npy(c[0], SIX), "malformed .npy header", c[1]);
        }
        rejects(dir, npy("{'descr': '<x8', 'fortran_order': False, 'shape': (6,)}", SIX), "dtype '<x8' is not supported");
        rejects(dir, npy("{'descr': '', 'fortran_order': False, 'shape': (6,)}", SIX), "unrecognized dtype descriptor ''");
        rejects(dir, npy("{'descr': '<f8', 'fortran_order': False, 'shape': (65536, 65536)}", SIX),
                "shape (65536, 65536) does not fit a tensor");
        rejects(dir, npy("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999,)}", SIX),
                "shape entry 99999999999 is not an integer in [0, 2^31)");
        byte[] latin = npy(3, "{'descr': '<f8', 'fortran_order': False, 'shape': (6,), 'x\u00e9': 1}", SIX);
        byte[] notUtf8 = npy(2, "{'descr': '<f8', 'fortran_order': False, 'shape': (6,), 'x\u00e9': 1}", SIX);
        notUtf8[6] = 3;
        rejects(dir, latin, "keys are [descr, fortran_order, shape, x\u00e9]");
        rejects(dir, notUtf8, "version 3.0 header is not valid UTF-8");
    }

    @Test
    void archiveErrorsNameTheEntry(@TempDir Path dir) throws IOException {
        Path bad = file("err_entry.npz");
        fails(() -> NumPy.loadAll(bad), "loadAll " + bad + ", entry 'bad.npy': dtype '<c16': complex dtypes are not supported");
        try (InputStream in = Files.newInputStream(bad)) {
            fails(() -> NumPy.readAll(in), "readAll, entry 'bad.npy': dtype '<c16'");
        }
        Path text = file("err_text_entry.npz");
        fails(() -> NumPy.loadAll(text), "entry 'readme.txt': not a .npy array");

        Path stream = file("stream.npz");
        try (InputStream in = Files.newInputStream(stream)) {
            fails(() -> NumPy.readAll(in), "readAll: the archive has a stored entry with a trailing data descriptor", "use loadAll");
        }

        Path npy = file("f8_le.npy");
        fails(() -> NumPy.loadAll(npy), "loadAll " + npy + ": not a zip archive (.npz)", "it is a .npy array, read it with load or read");
        try (InputStream in = Files.newInputStream(npy)) {
            fails(() -> NumPy.readAll(in), "readAll: not a zip archive (.npz): no zip signature; it is a .npy array");
        }
        fails(() -> NumPy.readAll(new ByteArrayInputStream(new byte[0])), "readAll: not a zip archive (.npz): empty input");

        byte[] zip = Files.readAllBytes(file("compressed.npz"));
        Path cut = dir.resolve("cut.npz");
        Files.write(cut, Arrays.copyOf(zip, zip.length / 2));
        fails(() -> NumPy.loadAll(cut), "loadAll " + cut + ": not a zip archive (.npz)");
        byte[] corrupt = zip.clone();
        for (int i = 60; i < 120; i++) {
            corrupt[i] ^= 0x5a;
        }
        Path broken = dir.resolve("broken.npz");
        Files.write(broken, corrupt);
        fails(() -> NumPy.loadAll(broken), "loadAll " + broken + ", entry 'zeta.npy'");

        ByteArrayOutputStream twice = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(twice)) {
            for (String name : new String[] {"a", "a.npy"}) {
                z.putNextEntry(new ZipEntry(name));
                z.write(npy(F8, SIX));
                z.closeEntry();
            }
        }
        Path dup = dir.resolve("dup.npz");
        Files.write(dup, twice.toByteArray());
        fails(() -> NumPy.loadAll(dup), "loadAll " + dup + ": two entries have the key 'a'");
    }
}
