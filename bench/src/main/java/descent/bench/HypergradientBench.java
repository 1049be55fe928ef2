package descent.bench;

import descent.ad.Func;
import descent.bilevel.Bilevel;
import descent.bilevel.Hypergradient;
import descent.bilevel.LinearSolver;
import descent.tensor.Tensor;
import descent.tensor.Value;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * The cost of one hypergradient of ridge regression's validation loss with respect to the
 * regularization, at {@code p = 10,000} features (the data passed as arguments): implicit differentiation (CG on Hessian-vector
 * products at the inner solution; the inner problem is solved once beforehand, so each call's
 * inner solve is a check of the gradient at the warm start)
 * against reverse-mode differentiation unrolled through 100 inner gradient steps. Prints the
 * median wall time of several calls, the bytes allocated per call and the heap retained by the
 * compiled plans (measured after a full collection before and after the first call), and the
 * ratios, with both hypergradients against the closed form {@code -(X_v w - y_v)^T X_v A^{-1} w}.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar descent.bench.HypergradientBench [p] [rows]}
 */
public final class HypergradientBench {
    private HypergradientBench() {
    }

    /** Entry point: optional {@code p} (10000) and training/validation rows each (200). */
    public static void main(String[] args) {
        int p = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Random rnd = new Random(1);
        double[] xs = new double[n * p];
        double[] xv = new double[n * p];
        double[] w = new double[p];
        for (int j = 0; j < p; j++) {
            w[j] = rnd.nextGaussian() / Math.sqrt(p);
        }
        double[] y = new double[n];
        double[] yv = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                xs[i * p + j] = rnd.nextGaussian();
                xv[i * p + j] = rnd.nextGaussian();
                y[i] += xs[i * p + j] * w[j];
                yv[i] += xv[i * p + j] * w[j];
            }
            y[i] += 0.1 * rnd.nextGaussian();
            yv[i] += 0.1 * rnd.nextGaussian();
        }
        Tensor xtT = Tensor.wrap(transpose(xs, n, p), p, n);
        Tensor xvT = Tensor.wrap(transpose(xv, n, p), p, n);
        Tensor yt = Tensor.wrap(y, n);
        Tensor yvt = Tensor.wrap(yv, n);
        double lambda = 50.0;
        // arguments: (u, lambda, X_train^T, y_train, X_validation^T, y_validation), the data passed at every call
        Func inner = Func.of(6, v -> new Value[] {v[0].reshape(1, p).matmul(v[2]).reshape(n).sub(v[3]).square().sum().mul(0.5)
                .add(v[0].square().sum().mul(v[1].sum()).mul(0.5)).add(v[4].sum().mul(0)).add(v[5].sum().mul(0))});
        Func outer = Func.of(6, v -> new Value[] {v[0].reshape(1, p).matmul(v[4]).reshape(n).sub(v[5]).square().sum().mul(0.5)
                .add(v[1].sum().mul(0)).add(v[2].sum().mul(0)).add(v[3].sum().mul(0))});
        Bilevel problem = Bilevel.of(outer, inner, Tensor.zeros(p), 2000, xtT, yt, xvT, yvt);
        // A = X^T X + lambda I has eigenvalues in [lambda, lambda + (sqrt(n) + sqrt(p))^2]
        double lmax = lambda + Math.pow(Math.sqrt(n) + Math.sqrt(p), 2);
        Hypergradient implicit = Hypergradient.implicit(LinearSolver.cg(500, 1e-10));
        Hypergradient unrolled = Hypergradient.unrolled(100, 1 / lmax);
        Tensor lam = Tensor.of(lambda);
        System.out.println("CPU: " + cpu() + ", ridge p = " + p + ", " + n + " training and " + n + " validation rows, lambda = " + lambda);

        long beforeInner = heapAfterGc();
        long i0 = System.nanoTime();
        problem.solveInner(lam, 1e-9);
        System.out.printf(Locale.ROOT, "inner solve (L-BFGS, Newton-CG refinement), cold: %.1f ms, heap retained %.1f MB%n",
                (System.nanoTime() - i0) / 1e6, (heapAfterGc() - beforeInner) / 1e6);
        Measure mi = measure("implicit (CG on HVPs)", () -> problem.hypergradient(implicit, lam, 1e-9, new double[1]), problem, implicit, lam);
        Measure mu = measure("unrolled (100 steps)", () -> problem.hypergradient(unrolled, lam, 1e-9, new double[1]), problem, unrolled, lam);
        double exact = closedForm(xs, y, xv, yv, n, p, lambda, problem.solveInner(lam, 1e-10).toArray());
        System.out.printf(Locale.ROOT, "closed form %.10e; implicit %.10e (rel. error %.1e); unrolled %.10e (rel. error %.1e)%n", exact,
                mi.value, Math.abs(mi.value - exact) / Math.abs(exact), mu.value, Math.abs(mu.value - exact) / Math.abs(exact));
        System.out.printf(Locale.ROOT, "time ratio unrolled / implicit: %.2f; retained-heap ratio: %.2f%n", mu.medianMs / mi.medianMs,
                (double) mu.retained / Math.max(1, mi.retained));
    }

    private static final class Measure {
        double medianMs;
        long retained;
        double value;
    }

    private static Measure measure(String label, Runnable call, Bilevel problem, Hypergradient h, Tensor lam) {
        Measure m = new Measure();
        long before = heapAfterGc();
        double[] g = new double[1];
        long c0 = System.nanoTime();
        problem.hypergradient(h, lam, 1e-9, g);
        long first = System.nanoTime() - c0;
        m.retained = heapAfterGc() - before;
        m.value = g[0];
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double[] ms = new double[7];
        long allocated = 0;
        for (int r = 0; r < ms.length; r++) {
            long a0 = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
            long t0 = System.nanoTime();
            call.run();
            ms[r] = (System.nanoTime() - t0) / 1e6;
            allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - a0;
        }
        Arrays.sort(ms);
        m.medianMs = ms[ms.length / 2];
        System.out.printf(Locale.ROOT, "%-24s first call %8.1f ms, median of %d %8.1f ms (min %.1f, max %.1f), allocated %.1f MB/call, "
                + "retained after first call %.1f MB%n", label, first / 1e6, ms.length, m.medianMs, ms[0], ms[ms.length - 1],
                allocated / 1e6, m.retained / 1e6);
        return m;
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static double[] transpose(double[] a, int n, int p) {
        double[] t = new double[n * p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                t[j * n + i] = a[i * p + j];
            }
        }
        return t;
    }

    /** {@code d/dlambda} by the closed form, with {@code A^{-1} w} from CG on {@code X^T X + lambda I} run in plain loops. */
    private static double closedForm(double[] xs, double[] y, double[] xv, double[] yv, int n, int p, double lambda, double[] w) {
        double[] dw = new double[p];
        double[] r = w.clone();
        double[] d = w.clone();
        double rr = dot(r, r);
        double[] ad = new double[p];
        double[] tmp = new double[n];
        for (int k = 0; k < 2000 && Math.sqrt(rr) > 1e-14 * Math.sqrt(dot(w, w)); k++) {
            Arrays.fill(tmp, 0);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < p; j++) {
                    tmp[i] += xs[i * p + j] * d[j];
                }
            }
            for (int j = 0; j < p; j++) {
                ad[j] = lambda * d[j];
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < p; j++) {
                    ad[j] += xs[i * p + j] * tmp[i];
                }
            }
            double alpha = rr / dot(d, ad);
            for (int j = 0; j < p; j++) {
                dw[j] += alpha * d[j];
                r[j] -= alpha * ad[j];
            }
            double next = dot(r, r);
            for (int j = 0; j < p; j++) {
                d[j] = r[j] + next / rr * d[j];
            }
            rr = next;
        }
        double g = 0;
        for (int i = 0; i < n; i++) {
            double res = -yv[i];
            double dv = 0;
            for (int j = 0; j < p; j++) {
                res += xv[i * p + j] * w[j];
                dv -= xv[i * p + j] * dw[j];
            }
            g += res * dv;
        }
        return g;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static String cpu() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (java.io.IOException e) {
            return "unknown";
        }
        return "unknown";
    }
}
