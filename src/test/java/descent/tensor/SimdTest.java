package descent.tensor;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The vectorized loops return exactly the scalar loops' bits, in this JVM and in child JVMs that
 * run only the interpreter, only the first JIT tier, or the full JIT after warming up, and so do
 * whole compiled plans on their first run and after thousands; the choice between the loops is
 * measured per function or forced by {@code descent.simd}.
 */
class SimdTest {
    private static boolean vectorApi() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static void assertSameBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
                what + ": scalar " + expected + ", vector " + actual);
    }

    @Test
    void vectorLoopsReturnTheScalarBits() {
        assumeTrue(vectorApi(), "needs --add-modules jdk.incubator.vector");
        Random r = new Random(12);
        int n = 20_003;
        for (UnaryOp op : UnaryOp.values()) {
            if (!VectorMath.supports(op)) {
                continue;
            }
            double[] x = new double[n];
            double[] special = KernelDigest.arguments(op);
            for (int i = 0; i < n; i++) {
                if (i < special.length) {
                    x[i] = special[i];
                } else if (i % 4 == 0) {
                    x[i] = Math.scalb(r.nextDouble() * 2 - 1, r.nextInt(80) - 60);
                } else {
                    x[i] = (r.nextDouble() * 2 - 1) * (i % 4 == 1 ? 2 : i % 4 == 2 ? 40 : 800);
                }
            }
            double[] scalar = new double[n];
            double[] vector = new double[n];
            op.loop(x, 0, scalar, 0, n);
            for (int rep = 0; rep < 3; rep++) {
                VectorMath.apply(op, x, 0, vector, 0, n);
                for (int i = 0; i < n; i++) {
                    assertSameBits(scalar[i], vector[i], op.label() + "(" + x[i] + ")");
                }
            }
            double[] inPlace = x.clone();
            VectorMath.apply(op, inPlace, 0, inPlace, 0, n);
            for (int i = 0; i < n; i++) {
                assertSameBits(scalar[i], inPlace[i], op.label() + " in place at " + i);
            }
        }
    }

    @Test
    void sameBitsInEveryJitTierAndAfterWarmUp() throws Exception {
        assumeTrue(vectorApi(), "needs --add-modules jdk.incubator.vector");
        Map<UnaryOp, Long> expected = KernelDigest.scalarDigests();
        Map<String, Long> plans = new LinkedHashMap<>();
        for (KernelDigest.Case c : KernelDigest.plans()) {
            plans.put(c.name, c.run());
        }
        String[][] configs = {
            {"-Xint", "-Ddescent.simd=false", "1"},
            {"-XX:TieredStopAtLevel=1", "-Ddescent.simd=true", "300"},
            {"-Xbatch", "-XX:+PrintCompilation", "3000"},
            {"-Xbatch", "-Ddescent.simd=true", "3000"},
        };
        List<Process> children = new ArrayList<>();
        for (String[] config : configs) {
            children.add(start(config));
        }
        for (int c = 0; c < configs.length; c++) {
            String[] config = configs[c];
            String out = output(children.get(c), config[0]);
            for (Map.Entry<UnaryOp, Long> e : expected.entrySet()) {
                for (String path : new String[] {"scalar", "vector"}) {
                    for (String when : new String[] {"cold", "warm"}) {
                        String line = e.getKey() + " " + path + " " + when + " " + Long.toHexString(e.getValue());
                        assertTrue(out.contains(line + "\n"), config[0] + ": expected '" + line + "' in\n" + out);
                    }
                }
            }
            for (Map.Entry<String, Long> e : plans.entrySet()) {
                for (String when : new String[] {"cold", "warm"}) {
                    String line = "plan " + e.getKey() + " " + when + " " + Long.toHexString(e.getValue());
                    assertTrue(out.contains(line + "\n"), config[0] + " " + config[1] + ": expected '" + line + "' in\n" + out);
                }
            }
            if (config[1].equals("-Ddescent.simd=false")) {
                assertTrue(out.contains("simd scalar (forced by -Ddescent.simd=false)"), out);
                assertTrue(out.contains("exp uses vector false"), out);
            } else if (config[1].equals("-Ddescent.simd=true")) {
                assertTrue(out.contains("forced by -Ddescent.simd=true"), out);
                assertTrue(out.contains("exp uses vector true"), out);
            } else {
                // The full JIT compiled the loops before the warm runs (compilation is synchronous here).
                assertTrue(Pattern.compile(" 4 +descent\\.tensor\\.VectorMath::expParts").matcher(out).find(), out);
                assertTrue(Pattern.compile(" 4 +descent\\.tensor\\.UnaryOp\\$\\d+::loop").matcher(out).find(), out);
                assertTrue(Pattern.compile(" 4 +descent\\.tensor\\.BinaryOp\\$\\d+::loop").matcher(out).find(), out);
                assertTrue(Pattern.compile(" 4 +descent\\.tensor\\.Reduce::sumRun").matcher(out).find(), out);
                assertTrue(out.contains("simd scalar per function by measurement")
                        || out.contains("simd simd per function by measurement"), out);
            }
        }
    }

    private static Process start(String[] config) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-modules");
        cmd.add("jdk.incubator.vector");
        cmd.add(config[0]);
        cmd.add(config[1]);
        // The children compute with the same matrix product backend and split as this JVM.
        for (String property : new String[] {"descent.matmul", "descent.threads"}) {
            String value = System.getProperty(property);
            if (value != null) {
                cmd.add("-D" + property + "=" + value);
            }
        }
        // The child runs on the class path: the module path of a modular test run goes there too.
        String modules = System.getProperty("jdk.module.path", "");
        String classes = System.getProperty("java.class.path");
        cmd.add("-cp");
        cmd.add(modules.isEmpty() ? classes : modules + File.pathSeparator + classes);
        cmd.add(KernelDigest.class.getName());
        cmd.add(config[2]);
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static String output(Process p, String config) throws IOException, InterruptedException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(buf);
        }
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "child JVM " + config + " timed out");
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), config + " failed:\n" + out);
        return out;
    }

    @Test
    void eachFunctionGetsTheLoopMeasuredFaster() {
        assumeTrue(vectorApi(), "needs --add-modules jdk.incubator.vector");
        assumeTrue(System.getProperty("descent.simd") == null, "a loop is forced");
        Simd.awaitDecision(UnaryOp.TANH);
        String d = Simd.description();
        Matcher m = Pattern.compile("tanh (simd|scalar) \\(([0-9.]+) vs ([0-9.]+) ns\\)").matcher(d);
        assertTrue(m.find(), d);
        double vector = Double.parseDouble(m.group(2));
        double scalar = Double.parseDouble(m.group(3));
        if (vector != scalar) {
            assertEquals(vector < scalar ? "simd" : "scalar", m.group(1), d);
        }
        assertEquals(m.group(1).equals("simd"), Simd.usesVector(UnaryOp.TANH));
        assertTrue(d.contains("per function by measurement"), d);
    }

    @Test
    void functionsWithoutAVectorLoopRunScalar() {
        for (UnaryOp op : new UnaryOp[] {UnaryOp.NEG, UnaryOp.ABS, UnaryOp.ERF, UnaryOp.SQRT}) {
            assertTrue(!Simd.usesVector(op), op.label());
            double[] x = {-2.5, 0.25, 3};
            double[] y = new double[3];
            Simd.apply(op, x, 0, y, 0, 3);
            for (int i = 0; i < 3; i++) {
                assertEquals(op.apply(x[i]), y[i], 0);
            }
        }
    }

    @Test
    void arithmeticAtDistinctOffsetsGivesTheScalarBits() {
        assumeTrue(vectorApi(), "needs --add-modules jdk.incubator.vector");
        Random r = new Random(11);
        double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
            -Double.MIN_NORMAL / 3, Double.MAX_VALUE, 1e-300, -1e300};
        double[] a = new double[80];
        double[] b = new double[80];
        for (int i = 0; i < a.length; i++) {
            a[i] = i % 5 == 0 ? special[r.nextInt(special.length)] : r.nextGaussian() * Math.exp(8 * r.nextGaussian());
            b[i] = i % 7 == 0 ? special[r.nextInt(special.length)] : r.nextGaussian() * Math.exp(8 * r.nextGaussian());
        }
        for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV}) {
            assertTrue(VectorArith.supports(op), op.label());
            for (int n : new int[] {0, 1, 3, 4, 7, 8, 9, 16, 31, 37, 61}) {
                for (int[] off : new int[][] {{0, 1, 5}, {3, 0, 11}, {7, 2, 0}, {1, 1, 1}}) {
                    double[] expected = new double[80];
                    double[] actual = new double[80];
                    op.loop(a, off[0], b, off[1], expected, off[2], n);
                    VectorArith.loop(op, a, off[0], b, off[1], actual, off[2], n);
                    for (double c : new double[] {b[4], 0.0, -0.0, Double.NaN, 3.5}) {
                        double[] e1 = new double[80];
                        double[] a1 = new double[80];
                        op.loop(a, off[0], c, e1, off[2], n);
                        VectorArith.loop(op, a, off[0], c, a1, off[2], n);
                        double[] e2 = new double[80];
                        double[] a2 = new double[80];
                        op.loop(c, b, off[1], e2, off[2], n);
                        VectorArith.loop(op, c, b, off[1], a2, off[2], n);
                        for (int i = 0; i < 80; i++) {
                            assertSameBits(e1[i], a1[i], op.label() + " array-scalar n = " + n + " at " + i);
                            assertSameBits(e2[i], a2[i], op.label() + " scalar-array n = " + n + " at " + i);
                        }
                    }
                    for (int i = 0; i < 80; i++) {
                        assertSameBits(expected[i], actual[i], op.label() + " n = " + n + " at " + i);
                    }
                }
            }
        }
        double[] inPlace = a.clone();
        double[] expected = a.clone();
        BinaryOp.MUL.loop(expected, 2, b, 9, expected, 2, 50);
        VectorArith.loop(BinaryOp.MUL, inPlace, 2, b, 9, inPlace, 2, 50);
        for (int i = 0; i < 80; i++) {
            assertSameBits(expected[i], inPlace[i], "in place at " + i);
        }
    }

    @Test
    void arithmeticAtDistinctOffsetsGetsTheLoopMeasuredFaster() {
        assumeTrue(vectorApi(), "needs --add-modules jdk.incubator.vector");
        assumeTrue(System.getProperty("descent.simd") == null, "a loop is forced");
        Simd.awaitArith();
        String d = Simd.description();
        Matcher m = Pattern.compile("arithmetic at distinct offsets (simd|scalar) \\(([0-9.]+) vs ([0-9.]+) ns\\)").matcher(d);
        assertTrue(m.find(), d);
        double vector = Double.parseDouble(m.group(2));
        double scalar = Double.parseDouble(m.group(3));
        if (vector != scalar) {
            assertEquals(vector < scalar ? "simd" : "scalar", m.group(1), d);
        }
        assertEquals(m.group(1).equals("simd"), Simd.vectorArith());
        double[] row = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
        Tensor x = Tensor.ones(2, 20);
        Tensor y = x.mul(Tensor.wrap(row, 20));
        for (int i = 0; i < 40; i++) {
            assertEquals(row[i % 20], y.contiguousData()[i], 0);
        }
    }
}
