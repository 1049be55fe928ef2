package descent.tensor;

import org.jetbrains.kotlinx.multik.openblas.linalg.JniLinAlg;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * OpenBLAS dgemm through multik's JNI binding. The arrays are pinned, not copied. The binding
 * writes C from index 0, so a product into an offset of a larger buffer goes through a scratch
 * buffer. Products too small to amortize the native call run in {@link JavaGemm}.
 *
 * <p>The native library ships inside multik's jar. It is extracted once to a per-user cache
 * directory under {@code java.io.tmpdir} and reused by later JVMs, rather than copied to a fresh
 * temporary directory at every start.
 */
final class NativeGemm implements Gemm {
    /** Below this many multiply-adds the JNI transition costs more than it saves. */
    private static final long NATIVE_MIN_WORK = 4096;

    private final JavaGemm small = new JavaGemm();
    private final ThreadLocal<double[]> scratch = ThreadLocal.withInitial(() -> new double[0]);

    /** Loads the native library; throws if it cannot be loaded on this platform. */
    NativeGemm() {
        loadLibrary();
        double[] a = {1, 2, 3, 4};
        double[] c = new double[4];
        JniLinAlg.INSTANCE.dotMM(false, 0, a, 2, 2, 2, false, 0, a, 2, 2, c);
        if (c[0] != 7 || c[3] != 22) {
            throw new IllegalStateException("native dgemm self-test failed: " + java.util.Arrays.toString(c));
        }
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double[] c, int cOff) {
        if ((long) m * n * k < NATIVE_MIN_WORK || k == 0) {
            small.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff);
            return;
        }
        if (cOff == 0) {
            JniLinAlg.INSTANCE.dotMM(transA, aOff, a, m, k, lda, transB, bOff, b, n, ldb, c);
            return;
        }
        double[] t = scratch.get();
        if (t.length < m * n) {
            t = new double[m * n];
            scratch.set(t);
        }
        JniLinAlg.INSTANCE.dotMM(transA, aOff, a, m, k, lda, transB, bOff, b, n, ldb, t);
        System.arraycopy(t, 0, c, cOff, m * n);
    }

    @Override
    public String name() {
        return "openblas";
    }

    private static void loadLibrary() {
        String osName = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String os = osName.contains("mac") ? "macos" : osName.contains("win") ? "mingw" : osName.contains("nux") ? "linux" : null;
        String archName = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String arch = archName.equals("amd64") || archName.equals("x86_64") ? "X64"
                : archName.equals("aarch64") || archName.equals("arm64") ? "Arm64" : null;
        if (os == null || arch == null) {
            throw new UnsatisfiedLinkError("no multik native library for " + osName + " " + archName);
        }
        String file = System.mapLibraryName("multik_jni-" + os + arch);
        String resource = "lib/" + os + arch + "/" + file;
        URL url = JniLinAlg.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new UnsatisfiedLinkError("multik's jar has no native library " + resource);
        }
        try {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "descent-" + System.getProperty("user.name", "user"), "native");
            Files.createDirectories(dir);
            long size = url.openConnection().getContentLengthLong();
            Path target = dir.resolve(size + "-" + file);
            if (!Files.exists(target) || Files.size(target) != size) {
                Path tmp = Files.createTempFile(dir, "extract", ".part");
                try (InputStream in = url.openStream()) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            System.load(target.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UnsatisfiedLinkError("cannot extract " + resource + ": " + e);
        }
    }
}
