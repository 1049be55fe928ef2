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
 * directory under {@code java.io.tmpdir} that only its owner may access, and reused by later JVMs
 * after checking its CRC-32 against the jar entry's, rather than copied to a fresh temporary
 * directory at every start.
 */
final class NativeGemm implements Gemm {
    /** Below this many multiply-adds the JNI transition costs more than it saves. */
    private static final long NATIVE_MIN_WORK = 4096;

    /**
     * True when OpenBLAS was told to run single-threaded ({@code OPENBLAS_NUM_THREADS=1}, which
     * the {@code ./descent} launcher sets): large products are then split by rows across Descent's
     * own threads. OpenBLAS's own worker threads keep spinning for a while after each product and
     * then compete for the cores with the elementwise work that follows; on a 2-core machine that
     * made training steps alternate between two speeds 1.5 times apart.
     */
    static final boolean SPLIT = "1".equals(System.getenv("OPENBLAS_NUM_THREADS")) && Parallel.WAYS > 1;

    /**
     * Elements of a thread's buffer for results that go to an offset in C (which the native call
     * cannot write to): larger products run through it in blocks of rows, so that a split of the
     * first layer's weight gradient at d = 10^6 does not need a second copy of it.
     */
    static final int SCRATCH_ELEMENTS = 1 << 20;

    /** Multiply-adds from which a product is split across threads (when {@link #SPLIT}). */
    private static final long SPLIT_MIN_WORK = 1L << 20;

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
        if (SPLIT && (long) m * n * k >= SPLIT_MIN_WORK && m >= 2 * Parallel.WAYS) {
            split(Parallel.WAYS, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff);
            return;
        }
        rows(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff);
    }

    /** The product as {@code parts} blocks of rows of C, run across the available threads. */
    void split(int parts, boolean transA, boolean transB, int m, int n, int k,
               double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double[] c, int cOff) {
        new Parallel(parts, 1, (lo, hi) -> {
            for (int p = lo; p < hi; p++) {
                int i0 = (int) ((long) m * p / parts);
                int i1 = (int) ((long) m * (p + 1) / parts);
                rows(transA, transB, i1 - i0, n, k, a, transA ? aOff + i0 : aOff + i0 * lda, lda, b, bOff, ldb, c, cOff + i0 * n);
            }
        }).run();
    }

    /** The product on the calling thread. */
    private void rows(boolean transA, boolean transB, int m, int n, int k,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double[] c, int cOff) {
        if ((long) m * n * k < NATIVE_MIN_WORK || k == 0) {
            small.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff);
            return;
        }
        if (cOff == 0) {
            JniLinAlg.INSTANCE.dotMM(transA, aOff, a, m, k, lda, transB, bOff, b, n, ldb, c);
            return;
        }
        int chunk = Math.max(1, Math.min(m, SCRATCH_ELEMENTS / Math.max(1, n)));
        double[] t = scratch.get();
        if (t.length < chunk * n) {
            t = new double[chunk * n];
            scratch.set(t);
        }
        for (int i0 = 0; i0 < m; i0 += chunk) {
            int r = Math.min(chunk, m - i0);
            JniLinAlg.INSTANCE.dotMM(transA, transA ? aOff + i0 : aOff + i0 * lda, a, r, k, lda, transB, bOff, b, n, ldb, t);
            System.arraycopy(t, 0, c, cOff + i0 * n, r * n);
        }
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
            Path dir = privateCacheDirectory();
            java.net.URLConnection conn = url.openConnection();
            long crc = conn instanceof java.net.JarURLConnection ? ((java.net.JarURLConnection) conn).getJarEntry().getCrc() : -1;
            Path target = dir.resolve(Long.toHexString(crc) + "-" + file);
            if (crc < 0 || !Files.exists(target) || crc32(target) != crc) {
                Path tmp = Files.createTempFile(dir, "extract", ".part");
                try (InputStream in = url.openStream()) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                if (crc >= 0 && crc32(tmp) != crc) {
                    Files.deleteIfExists(tmp);
                    throw new IOException("the extracted library does not match its checksum in the jar");
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            System.load(target.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UnsatisfiedLinkError("cannot extract " + resource + ": " + e);
        }
    }

    /**
     * {@code <tmpdir>/descent-<user>/native}, created readable and writable by its owner only; if
     * it exists but belongs to someone else or others may write to it, a fresh private temporary
     * directory is used instead, so no other user can substitute the library that is loaded.
     */
    private static Path privateCacheDirectory() throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "descent-" + System.getProperty("user.name", "user"), "native");
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!posix) {
            Files.createDirectories(dir);
            return dir;
        }
        java.util.Set<java.nio.file.attribute.PosixFilePermission> ownerOnly =
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx------");
        java.nio.file.attribute.UserPrincipal me = dir.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
        try {
            for (Path p : new Path[] {dir.getParent(), dir}) {
                if (!Files.exists(p)) {
                    Files.createDirectory(p, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(ownerOnly));
                }
                if (!Files.getOwner(p).equals(me) || Files.isSymbolicLink(p)) {
                    return Files.createTempDirectory("descent-native");
                }
                if (!Files.getPosixFilePermissions(p).equals(ownerOnly)) {
                    Files.setPosixFilePermissions(p, ownerOnly);
                }
            }
            return dir;
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            return privateCacheDirectory();
        }
    }

    private static long crc32(Path p) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(p)) {
            for (int r; (r = in.read(buf)) > 0; ) {
                crc.update(buf, 0, r);
            }
        }
        return crc.getValue();
    }
}
