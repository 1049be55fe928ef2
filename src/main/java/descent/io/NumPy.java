package descent.io;

import descent.tensor.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Tensors in NumPy's file formats: {@code .npy} for one array ({@code np.save} / {@code np.load})
 * and {@code .npz} for a zip archive of named arrays ({@code np.savez}, {@code np.savez_compressed}).
 *
 * <pre>{@code
 * // Python: np.save("x.npy", x); np.savez("data.npz", inputs=X, targets=y)
 * Tensor x = NumPy.load(Path.of("x.npy"));
 * Map<String, Tensor> data = NumPy.loadAll(Path.of("data.npz"));
 * Tensor inputs = data.get("inputs");
 *
 * NumPy.save(Path.of("w.npy"), w);                              // np.load("w.npy")
 * NumPy.saveAllCompressed(Path.of("run.npz"), Map.of("w", w, "b", b));  // np.load("run.npz")["w"]
 *
 * try (InputStream in = MyClass.class.getResourceAsStream("/table.npy")) {
 *     Tensor table = NumPy.read(in);
 * }
 * }</pre>
 *
 * <p><b>Writing</b> produces C-order little-endian float64 ({@code '<f8'}) arrays in format version
 * 1.0 (2.0 only for headers over 64 KiB), which every NumPy version reads.
 *
 * <p><b>Reading</b> accepts format versions 1.0, 2.0 and 3.0 and the element types float16,
 * float32, float64, int8/16/32/64, uint8/16/32/64 and bool in either byte order, converting to
 * float64: floats and integers up to 32 bits exactly, bool as 0 and 1. An int64 or uint64 element
 * must be exactly representable as a float64 (every integer of magnitude up to 2^53 is, larger ones
 * only when they are multiples of a high enough power of two); otherwise reading fails naming the
 * element, rather than rounding silently. Fortran-order arrays are transposed into row-major
 * order; 0-d arrays become rank-0 tensors and arrays with a zero dimension empty tensors.
 *
 * <p><b>Errors</b> are {@link IOException}s whose message names the operation, the file (and the
 * archive entry) and the problem: object arrays (pickled, {@code '|O'}), complex, string, datetime
 * and structured dtypes, a bad magic number, an unsupported version, a malformed header, and data
 * shorter or longer than the shape requires. Reading either returns a complete tensor or throws.
 */
public final class NumPy {
    private NumPy() {
    }

    /**
     * Reads the array in a {@code .npy} file. The file must hold exactly one array.
     *
     * @throws IOException if the file cannot be read or is not a supported {@code .npy} array
     */
    public static Tensor load(Path path) throws IOException {
        return Npy.load(path, "load " + path);
    }

    /**
     * Reads one {@code .npy} array from {@code in}, consuming exactly its bytes, so arrays written
     * one after another to one stream (as repeated {@code np.save(f, a)} calls do) are read by
     * repeated calls. Does not close {@code in}.
     *
     * @throws IOException if the stream fails or does not hold a supported {@code .npy} array
     */
    public static Tensor read(InputStream in) throws IOException {
        return Npy.read(in, "read", -1);
    }

    /**
     * Writes {@code tensor} to a {@code .npy} file as a C-order little-endian float64 array,
     * replacing any existing file.
     *
     * @throws IOException if the file cannot be written
     */
    public static void save(Path path, Tensor tensor) throws IOException {
        try (OutputStream out = Files.newOutputStream(path)) {
            Npy.write(out, tensor);
        }
    }

    /**
     * Writes {@code tensor} to {@code out} in the {@code .npy} format (C-order little-endian
     * float64). Does not close {@code out}.
     *
     * @throws IOException if the stream fails
     */
    public static void write(OutputStream out, Tensor tensor) throws IOException {
        Npy.write(out, tensor);
    }

    /**
     * Reads every array of a {@code .npz} archive, keyed by entry name without the {@code .npy}
     * suffix, in archive order. Stored and deflated entries are both read; directories are skipped.
     *
     * @throws IOException if the file cannot be read, is not a zip archive, or an entry is not a
     *     supported {@code .npy} array (the message names the entry)
     */
    public static Map<String, Tensor> loadAll(Path path) throws IOException {
        return Npz.load(path, "loadAll " + path);
    }

    /**
     * Reads every array of a {@code .npz} archive streamed from {@code in}, as {@link #loadAll}.
     * A stored entry followed by a data descriptor (what {@code np.savez} writes to a non-seekable
     * stream) cannot be read from a stream; {@link #loadAll} reads it from a file. Does not close
     * {@code in}.
     *
     * @throws IOException if the stream fails, is not a zip archive, or an entry is not a supported
     *     {@code .npy} array
     */
    public static Map<String, Tensor> readAll(InputStream in) throws IOException {
        return Npz.read(in, "readAll");
    }

    /**
     * Writes {@code arrays} to a {@code .npz} archive of stored (uncompressed) entries
     * {@code key.npy}, in the map's iteration order, like {@code np.savez}. Replaces any existing file.
     *
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if a key or a tensor is null
     */
    public static void saveAll(Path path, Map<String, Tensor> arrays) throws IOException {
        Npz.save(path, arrays, false, "saveAll");
    }

    /**
     * Writes {@code arrays} to a {@code .npz} archive of deflated entries {@code key.npy}, like
     * {@code np.savez_compressed}. Replaces any existing file.
     *
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if a key or a tensor is null
     */
    public static void saveAllCompressed(Path path, Map<String, Tensor> arrays) throws IOException {
        Npz.save(path, arrays, true, "saveAllCompressed");
    }

    /**
     * Writes {@code arrays} to {@code out} as a {@code .npz} archive of stored entries, as
     * {@link #saveAll}. Finishes the archive but does not close {@code out}.
     *
     * @throws IOException if the stream fails
     * @throws IllegalArgumentException if a key or a tensor is null
     */
    public static void writeAll(OutputStream out, Map<String, Tensor> arrays) throws IOException {
        Npz.write(out, arrays, false, "writeAll");
    }

    /**
     * Writes {@code arrays} to {@code out} as a {@code .npz} archive of deflated entries, as
     * {@link #saveAllCompressed}. Finishes the archive but does not close {@code out}.
     *
     * @throws IOException if the stream fails
     * @throws IllegalArgumentException if a key or a tensor is null
     */
    public static void writeAllCompressed(OutputStream out, Map<String, Tensor> arrays) throws IOException {
        Npz.write(out, arrays, true, "writeAllCompressed");
    }
}
