package descent.optim;

import descent.tensor.ParamLayout;
import descent.tensor.Params;
import descent.tensor.Rng;
import descent.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Methods that work per leaf, per block or per matrix (Adam-mini, Adafactor, Muon) against plain
 * references on a multi-tensor model, the wrappers that query the objective (SAM, ASAM, GAM)
 * against their equations, and properties of SGLD and ⊥Grad.
 */
class StructuredMethodsTest {
    static final ParamLayout LAYOUT = FastPathTest.LAYOUT;
    static final int N = FastPathTest.N;

    /** Adam-mini with a partition using every kind of block, against per-element block lookups. */
    @Test
    void adamMiniMatchesItsReferenceAndHoldsHalfOfAdamWsState() {
        BlockPartition blocks = (path, shape) -> switch (path) {
            case "a/w" -> BlockPartition.Blocks.columnGroups(5);
            case "a/b" -> BlockPartition.Blocks.elements();
            case "c/w" -> BlockPartition.Blocks.rows();
            default -> BlockPartition.Blocks.whole();
        };
        Transform fast = Optimizers.adamMini(1e-2, 0.9, 0.99, 1e-8, 1e-2, blocks);
        int[] blockOf = new int[N];
        int[] count = new int[N];
        int next = 0;
        for (int i = 0; i < 300 * 250; i++) {
            blockOf[i] = next + (i % 250) / 50;
        }
        next += 5;
        for (int i = 0; i < 250; i++) {
            blockOf[75000 + i] = next + i;
        }
        next += 250;
        for (int i = 0; i < 250 * 40; i++) {
            blockOf[75250 + i] = next + i / 40;
        }
        next += 250;
        blockOf[N - 1] = next++;
        int blockCount = next;
        for (int b : blockOf) {
            count[b]++;
        }
        double[] m = new double[N];
        double[] v = new double[blockCount];
        FastPathTest.Reference ref = (p, g, f, t) -> {
            double[] sums = new double[blockCount];
            for (int i = 0; i < N; i++) {
                sums[blockOf[i]] += g[i] * g[i];
            }
            for (int b = 0; b < blockCount; b++) {
                v[b] = 0.99 * v[b] + 0.01 * sums[b] / count[blockOf[indexOfBlock(blockOf, b)]];
            }
            for (int i = 0; i < N; i++) {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                double h = Math.sqrt(v[blockOf[i]] / (1 - Math.pow(0.99, t + 1))) + 1e-8;
                p[i] -= 1e-2 * 1e-2 * p[i] + 1e-2 * (m[i] / (1 - Math.pow(0.9, t + 1))) / h;
            }
        };
        double[] expected = FastPathTest.runReference(ref);
        for (boolean fused : new boolean[] {true, false}) {
            double e = FastPathTest.relativeError(FastPathTest.runFast(fast, fused), expected);
            assertTrue(e <= 1e-12, "Adam-mini " + (fused ? "step" : "update") + ": " + e);
        }
        long mini = fast.init(LAYOUT, new double[N]).doubleCount();
        long adamw = Optimizers.adamW(1e-2).init(LAYOUT, new double[N]).doubleCount();
        assertEquals(N + blockCount, mini);
        assertEquals(2L * N, adamw);
        long paper = Optimizers.adamMini(1e-2).init(LAYOUT, new double[N]).doubleCount();
        assertEquals(N + 250 + 1 + 40 + 1, paper, "the paper's partition: one value per output neuron of each matrix, per vector");
        assertTrue(paper < 0.51 * adamw, "Adam-mini keeps " + paper + " doubles, AdamW " + adamw);
    }

    private static int indexOfBlock(int[] blockOf, int b) {
        for (int i = 0; i < blockOf.length; i++) {
            if (blockOf[i] == b) {
                return i;
            }
        }
        throw new IllegalStateException();
    }

    /** Adafactor on matrices (factored) and vectors (full second moment), from the paper's Algorithm 4 and 5. */
    @Test
    void adafactorMatchesItsReference() {
        Transform fast = Optimizers.adafactor(Double.NaN, 1e-30, 1e-3, 1.0, -0.8, 0.9, 1e-2, true, true);
        int[][] matrices = {{0, 300, 250}, {75250, 250, 40}};
        double[][] rows = {new double[300], new double[250]};
        double[][] cols = {new double[250], new double[40]};
        double[] vb = new double[250];
        double[] vs = new double[1];
        double[] m = new double[N];
        FastPathTest.Reference ref = (p, g, f, t) -> {
            int k = t + 1;
            double b2 = 1 - Math.pow(k, -0.8);
            double[] u = new double[N];
            double[] alpha = new double[N];
            for (int q = 0; q < 2; q++) {
                int off = matrices[q][0];
                int r = matrices[q][1];
                int c = matrices[q][2];
                double[] colSum = new double[c];
                for (int i = 0; i < r; i++) {
                    double rs = 0;
                    for (int j = 0; j < c; j++) {
                        double sq = g[off + i * c + j] * g[off + i * c + j] + 1e-30;
                        rs += sq;
                        colSum[j] += sq;
                    }
                    rows[q][i] = b2 * rows[q][i] + (1 - b2) * rs / c;
                }
                double rowMean = 0;
                for (int i = 0; i < r; i++) {
                    rowMean += rows[q][i] / r;
                }
                for (int j = 0; j < c; j++) {
                    cols[q][j] = b2 * cols[q][j] + (1 - b2) * colSum[j] / r;
                }
                for (int i = 0; i < r; i++) {
                    for (int j = 0; j < c; j++) {
                        u[off + i * c + j] = g[off + i * c + j] / Math.sqrt(rows[q][i] / rowMean * cols[q][j]);
                    }
                }
                leafScale(p, u, alpha, off, r * c, k);
            }
            for (int i = 0; i < 250; i++) {
                vb[i] = b2 * vb[i] + (1 - b2) * (g[75000 + i] * g[75000 + i] + 1e-30);
                u[75000 + i] = g[75000 + i] / Math.sqrt(vb[i]);
            }
            leafScale(p, u, alpha, 75000, 250, k);
            vs[0] = b2 * vs[0] + (1 - b2) * (g[N - 1] * g[N - 1] + 1e-30);
            u[N - 1] = g[N - 1] / Math.sqrt(vs[0]);
            leafScale(p, u, alpha, N - 1, 1, k);
            for (int i = 0; i < N; i++) {
                m[i] = 0.9 * m[i] + 0.1 * u[i];
                p[i] -= alpha[i] * 1e-2 * p[i] + m[i];
            }
        };
        double[] expected = FastPathTest.runReference(ref);
        for (boolean fused : new boolean[] {true, false}) {
            double e = FastPathTest.relativeError(FastPathTest.runFast(fast, fused), expected);
            assertTrue(e <= 1e-12, "Adafactor " + (fused ? "step" : "update") + ": " + e);
        }
    }

    /** Scales u[off, off + n) by the relative step times max(1e-3, rms(p)), after clipping rms(u) to 1. */
    private static void leafScale(double[] p, double[] u, double[] alpha, int off, int n, int k) {
        double pp = 0;
        double uu = 0;
        for (int i = off; i < off + n; i++) {
            pp += p[i] * p[i];
            uu += u[i] * u[i];
        }
        double a = Math.min(1e-2, 1 / Math.sqrt(k)) * Math.max(1e-3, Math.sqrt(pp / n));
        double clip = Math.max(1, Math.sqrt(uu / n));
        for (int i = off; i < off + n; i++) {
            u[i] *= a / clip;
            alpha[i] = a;
        }
    }

    static double[][] matmul(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < b.length; k++) {
                for (int j = 0; j < b[0].length; j++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }

    static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /** The quintic Newton–Schulz map of Muon, with naive matrix products. */
    static double[][] newtonSchulz(double[][] g, int steps) {
        boolean tall = g.length > g[0].length;
        double[][] x = tall ? transpose(g) : g;
        double fro = 0;
        for (double[] row : x) {
            for (double v : row) {
                fro += v * v;
            }
        }
        double s = 1 / (Math.sqrt(fro) + 1e-7);
        double[][] y = new double[x.length][x[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[0].length; j++) {
                y[i][j] = x[i][j] * s;
            }
        }
        for (int k = 0; k < steps; k++) {
            double[][] a = matmul(y, transpose(y));
            double[][] aa = matmul(a, a);
            double[][] b = new double[a.length][a.length];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a.length; j++) {
                    b[i][j] = -4.7750 * a[i][j] + 2.0315 * aa[i][j];
                }
            }
            double[][] bx = matmul(b, y);
            for (int i = 0; i < y.length; i++) {
                for (int j = 0; j < y[0].length; j++) {
                    y[i][j] = 3.4445 * y[i][j] + bx[i][j];
                }
            }
        }
        return tall ? transpose(y) : y;
    }

    /** Muon on two matrices (one tall, one wide) with AdamW on a vector, against naive Newton–Schulz. */
    @Test
    void muonMatchesItsReferenceAndOrthogonalizes() {
        Params<Tensor> model = Params.of("w1", Tensor.zeros(40, 30), "b", Tensor.zeros(30), "w2", Tensor.zeros(30, 50));
        ParamLayout layout = ParamLayout.of(model);
        int n = layout.size();
        double[] p0 = new Rng(4).normal(n).toArray();
        Transform fast = Optimizers.muon(0.02, 0.95, true, 5, 0.01, Optimizers.adamW(1e-3, 0.9, 0.999, 1e-8, 0.01));
        double[] p = p0.clone();
        double[] g = new double[n];
        State state = fast.init(layout, p);
        double[] q = p0.clone();
        double[] m = new double[n];
        FastPathTest.Reference adamw = adamOn30();
        double[] bias = new double[30];
        double[] biasGrad = new double[30];
        for (int t = 0; t < 20; t++) {
            Rng noise = new Rng(50 + t);
            for (int i = 0; i < n; i++) {
                g[i] = 0.3 * p[i] + noise.nextGaussian();
            }
            double[] gq = g.clone();
            fast.step(g, state, p, new Context());
            for (int i = 0; i < n; i++) {
                m[i] = 0.95 * m[i] + gq[i];
            }
            int[][] mats = {{0, 40, 30}, {1230, 30, 50}};
            for (int[] mat : mats) {
                double[][] u = new double[mat[1]][mat[2]];
                for (int i = 0; i < mat[1]; i++) {
                    for (int j = 0; j < mat[2]; j++) {
                        int at = mat[0] + i * mat[2] + j;
                        u[i][j] = gq[at] + 0.95 * m[at];
                    }
                }
                double[][] o = newtonSchulz(u, 5);
                double scale = Math.sqrt(Math.max(1, (double) mat[2] / mat[1]));
                for (int i = 0; i < mat[1]; i++) {
                    for (int j = 0; j < mat[2]; j++) {
                        int at = mat[0] + i * mat[2] + j;
                        q[at] -= 0.02 * 0.01 * q[at] + 0.02 * scale * o[i][j];
                    }
                }
            }
            System.arraycopy(q, 1200, bias, 0, 30);
            System.arraycopy(gq, 1200, biasGrad, 0, 30);
            adamw.step(bias, biasGrad, 0, t);
            System.arraycopy(bias, 0, q, 1200, 30);
        }
        double e = FastPathTest.relativeError(p, q);
        assertTrue(e <= 1e-12, "Muon: " + e);
        double[][] o = newtonSchulz(reshape(new Rng(8).normal(700).toArray(), 20, 35), 5);
        double[][] oot = matmul(o, transpose(o));
        for (int i = 0; i < 20; i++) {
            assertTrue(oot[i][i] > 0.4 && oot[i][i] < 1.4, "singular values squared near 1: " + oot[i][i]);
        }
    }

    private static FastPathTest.Reference adamOn30() {
        double[] m = new double[30];
        double[] v = new double[30];
        return (p, g, f, t) -> {
            int k = t + 1;
            for (int i = 0; i < 30; i++) {
                p[i] *= 1 - 1e-3 * 0.01;
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                p[i] -= 1e-3 * (m[i] / (1 - Math.pow(0.9, k))) / (Math.sqrt(v[i] / (1 - Math.pow(0.999, k))) + 1e-8);
            }
        };
    }

    private static double[][] reshape(double[] a, int r, int c) {
        double[][] out = new double[r][c];
        for (int i = 0; i < r; i++) {
            System.arraycopy(a, i * c, out[i], 0, c);
        }
        return out;
    }

    /** SAM, ASAM and GAM hand their base optimizer the gradients their equations prescribe. */
    @Test
    void sharpnessWrappersEvaluateTheirPerturbedPoints() {
        double[] p = {0.3, -0.7, 1.1};
        double[] g = new double[3];
        Problems.quad(p, g);
        double[] u = g.clone();
        Transform sam = Optimizers.sam(Transforms.identity(), 0.05);
        Context ctx = Context.of(0, Problems::quad);
        sam.update(u, sam.init(Layouts.vector(3), p), p, ctx);
        double n = Math.sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]);
        double[] x = new double[3];
        for (int i = 0; i < 3; i++) {
            x[i] = p[i] + 0.05 * g[i] / (n + 1e-12);
        }
        double[] expected = new double[3];
        Problems.quad(x, expected);
        assertArrayClose(expected, u, 1e-15);
        assertEquals(1, ctx.evaluations());

        u = g.clone();
        Transform asam = Optimizers.asam(Transforms.identity(), 0.5, 0.01);
        asam.update(u, asam.init(Layouts.vector(3), p), p, Context.of(0, Problems::quad));
        double tn = 0;
        for (int i = 0; i < 3; i++) {
            double t = Math.abs(p[i]) + 0.01;
            tn += t * g[i] * t * g[i];
        }
        for (int i = 0; i < 3; i++) {
            double t = Math.abs(p[i]) + 0.01;
            x[i] = p[i] + 0.5 * t * t * g[i] / (Math.sqrt(tn) + 1e-16);
        }
        Problems.quad(x, expected);
        assertArrayClose(expected, u, 1e-15);

        u = g.clone();
        Context gctx = Context.of(0, Problems::quad);
        Transform gam = Optimizers.gam(Transforms.identity(), 0.02, 0.2, 0.6, 0.5, 0.4, 0.03);
        gam.update(u, gam.init(Layouts.vector(3), p), p, gctx);
        assertEquals(3, gctx.evaluations(), "GAM evaluates three more gradients");
        double[] g1 = gradAt(p, g, 0.02);
        double[] d = new double[3];
        for (int i = 0; i < 3; i++) {
            d[i] = g1[i] - g[i];
        }
        double[] q = new double[3];
        double dn = norm(d);
        for (int i = 0; i < 3; i++) {
            q[i] = p[i] + 0.2 * d[i] / (dn + 1e-12);
        }
        double[] g2 = new double[3];
        Problems.quad(q, g2);
        double[] g3 = gradAt(q, g2, 0.02);
        double[] h = new double[3];
        double[] dir = new double[3];
        for (int i = 0; i < 3; i++) {
            h[i] = g[i] + 0.5 * g2[i];
            dir[i] = 0.6 * g1[i] + 0.4 * g3[i];
        }
        double cos = (h[0] * dir[0] + h[1] * dir[1] + h[2] * dir[2]) / (norm(h) * norm(dir) + 1e-12);
        for (int i = 0; i < 3; i++) {
            expected[i] = dir[i] - 0.03 * (h[i] - cos * norm(h) * dir[i] / (norm(dir) + 1e-12));
        }
        assertArrayClose(expected, u, 1e-14);
    }

    private static double[] gradAt(double[] p, double[] g, double rho) {
        double n = norm(g);
        double[] x = new double[3];
        for (int i = 0; i < 3; i++) {
            x[i] = p[i] + rho * g[i] / (n + 1e-12);
        }
        double[] out = new double[3];
        Problems.quad(x, out);
        return out;
    }

    private static double norm(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }

    private static void assertArrayClose(double[] expected, double[] actual, double tol) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol * Math.max(1, Math.abs(expected[i])), "element " + i);
        }
    }

    /**
     * SGLD on f = lambda x^2 / 2 at temperature T samples the stationary law of
     * x' = (1 - lr lambda) x + sqrt(2 lr T) xi: mean 0, variance 2 T / (lambda (2 - lr lambda)).
     */
    @Test
    void sgldSamplesItsStationaryDistribution() {
        double lambda = 4;
        double lr = 0.05;
        double temperature = 0.3;
        int dims = 2000;
        Transform sgld = Optimizers.sgld(lr, temperature, 123);
        double[] x = new double[dims];
        double[] g = new double[dims];
        State s = sgld.init(Layouts.vector(dims), x);
        double sum = 0;
        double sumSq = 0;
        long count = 0;
        for (int t = 0; t < 300; t++) {
            for (int i = 0; i < dims; i++) {
                g[i] = lambda * x[i];
            }
            sgld.step(g, s, x, new Context());
            if (t >= 100) {
                for (double v : x) {
                    sum += v;
                    sumSq += v * v;
                    count++;
                }
            }
        }
        double mean = sum / count;
        double var = sumSq / count - mean * mean;
        double expected = 2 * temperature / (lambda * (2 - lr * lambda));
        assertEquals(0, mean, 0.005);
        assertEquals(expected, var, 0.02 * expected, "variance " + var + " vs " + expected);
    }

    /** ⊥Grad removes each leaf's radial component and keeps each leaf's gradient norm. */
    @Test
    void orthoGradProjectsEachLeafOntoTheTangentSpace() {
        Params<Tensor> model = Params.of("u", Tensor.zeros(4), "v", Tensor.zeros(2, 3));
        ParamLayout layout = ParamLayout.of(model);
        double[] w = new Rng(1).normal(10).toArray();
        double[] g = new Rng(2).normal(10).toArray();
        double[] u = g.clone();
        Transform t = Optimizers.orthoGrad(Transforms.identity());
        t.update(u, t.init(layout, w), w);
        int[][] leaves = {{0, 4}, {4, 10}};
        for (int[] l : leaves) {
            double wu = 0;
            double uu = 0;
            double gg = 0;
            for (int i = l[0]; i < l[1]; i++) {
                wu += w[i] * u[i];
                uu += u[i] * u[i];
                gg += g[i] * g[i];
            }
            assertEquals(0, wu, 1e-14, "orthogonal to the leaf's weights");
            assertEquals(Math.sqrt(gg), Math.sqrt(uu), 1e-14, "the leaf's gradient norm is kept");
        }
    }
}
