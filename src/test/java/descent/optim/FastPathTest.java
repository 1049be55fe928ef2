package descent.optim;

import descent.tensor.ParamLayout;
import descent.tensor.Params;
import descent.tensor.Rng;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fused, multi-threaded optimizers against plain references written from the papers'
 * equations: sequential loops over each element (and each block, row or matrix where the method
 * needs one). The model has four leaves, 85,251 parameters in all, so the fused kernels split
 * the vector across threads; the gradients are those of a noisy quadratic. Both entry points
 * ({@code step} and {@code update}) must match the reference to 1e-12 relative over 20 steps.
 */
class FastPathTest {
    static final Params<Tensor> MODEL = Params.of(
            "a", Params.of("w", Tensor.zeros(300, 250), "b", Tensor.zeros(250)),
            "c", Params.of("w", Tensor.zeros(250, 40)),
            "s", Tensor.zeros(1));
    static final ParamLayout LAYOUT = ParamLayout.of(MODEL);
    static final int N = LAYOUT.size();
    static final int STEPS = 20;

    /** A plain reference: one step on the flat vector from the gradient and the loss. */
    interface Reference {
        void step(double[] p, double[] g, double loss, int t);
    }

    static double[] start() {
        return new Rng(3).normal(N).toArray();
    }

    /** Loss and gradient of sum_i c_i (p_i - 0.5)^2 / 2 plus noise of step t. */
    static double lossAndGrad(double[] p, double[] g, int t) {
        Rng noise = new Rng(1000 + t);
        double f = 0;
        for (int i = 0; i < N; i++) {
            double c = 0.5 + (i % 7) * 0.25;
            double d = p[i] - 0.5;
            f += 0.5 * c * d * d;
            g[i] = c * d + 0.1 * noise.nextGaussian();
        }
        return f;
    }

    static double relativeError(double[] a, double[] b) {
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return diff / scale;
    }

    static double[] runFast(Transform opt, boolean fused) {
        double[] p = start();
        double[] g = new double[N];
        State s = opt.init(LAYOUT, p);
        Context ctx = new Context();
        for (int t = 0; t < STEPS; t++) {
            double f = lossAndGrad(p, g, t);
            ctx.set(f, null);
            if (fused) {
                opt.step(g, s, p, ctx);
            } else {
                opt.update(g, s, p, ctx);
                for (int i = 0; i < N; i++) {
                    p[i] += g[i];
                }
            }
        }
        return p;
    }

    static double[] runReference(Reference r) {
        double[] p = start();
        double[] g = new double[N];
        for (int t = 0; t < STEPS; t++) {
            double f = lossAndGrad(p, g, t);
            r.step(p, g, f, t);
        }
        return p;
    }

    record Case(String name, Supplier<Transform> fast, Supplier<Reference> reference) {
    }

    static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("SGD Nesterov + weight decay", () -> Optimizers.sgd(0.05, 0.9, 0, 1e-3, true), () -> {
            double[] b = new double[N];
            return (p, g, f, t) -> {
                for (int i = 0; i < N; i++) {
                    double gi = g[i] + 1e-3 * p[i];
                    b[i] = t == 0 ? gi : 0.9 * b[i] + gi;
                    p[i] -= 0.05 * (gi + 0.9 * b[i]);
                }
            };
        }));
        c.add(new Case("Adam", () -> Optimizers.adam(1e-2, 0.9, 0.99, 1e-8, 1e-2), () -> adam(1e-2, 0.9, 0.99, 1e-8, 1e-2, false, false)));
        c.add(new Case("AdamW", () -> Optimizers.adamW(1e-2, 0.8, 0.999, 1e-6, 0.1), () -> adam(1e-2, 0.8, 0.999, 1e-6, 0.1, true, false)));
        c.add(new Case("AMSGrad", () -> Optimizers.amsgrad(1e-2), () -> adam(1e-2, 0.9, 0.999, 1e-8, 0, false, true)));
        c.add(new Case("RMSprop centered + momentum", () -> Optimizers.rmsprop(1e-3, 0.9, 1e-8, 0, 0.8, true), () -> {
            double[] sq = new double[N];
            double[] avg = new double[N];
            double[] buf = new double[N];
            return (p, g, f, t) -> {
                for (int i = 0; i < N; i++) {
                    sq[i] = 0.9 * sq[i] + 0.1 * g[i] * g[i];
                    avg[i] = 0.9 * avg[i] + 0.1 * g[i];
                    buf[i] = 0.8 * buf[i] + g[i] / (Math.sqrt(sq[i] - avg[i] * avg[i]) + 1e-8);
                    p[i] -= 1e-3 * buf[i];
                }
            };
        }));
        c.add(new Case("Lion", () -> Optimizers.lion(1e-3, 0.9, 0.99, 0.1), () -> {
            double[] m = new double[N];
            return (p, g, f, t) -> {
                for (int i = 0; i < N; i++) {
                    double u = Math.signum(0.9 * m[i] + 0.1 * g[i]);
                    p[i] -= 1e-3 * (u + 0.1 * p[i]);
                    m[i] = 0.99 * m[i] + 0.01 * g[i];
                }
            };
        }));
        c.add(new Case("AdaBelief", () -> Optimizers.adaBelief(1e-2, 0.9, 0.999, 1e-16, 1e-16, 1e-2), () -> {
            double[] m = new double[N];
            double[] s = new double[N];
            return (p, g, f, t) -> {
                for (int i = 0; i < N; i++) {
                    m[i] = 0.9 * m[i] + 0.1 * g[i];
                    double r = g[i] - m[i];
                    s[i] = 0.999 * s[i] + 0.001 * r * r + 1e-16;
                    double mh = m[i] / (1 - Math.pow(0.9, t + 1));
                    double sh = s[i] / (1 - Math.pow(0.999, t + 1));
                    p[i] -= 1e-2 * mh / (Math.sqrt(sh) + 1e-16) + 1e-2 * 1e-2 * p[i];
                }
            };
        }));
        c.add(new Case("Signum", () -> Optimizers.signum(1e-3, 0.9, 0.01), () -> {
            double[] m = new double[N];
            return (p, g, f, t) -> {
                for (int i = 0; i < N; i++) {
                    m[i] = 0.9 * m[i] + 0.1 * g[i];
                    p[i] -= 1e-3 * (Math.signum(m[i]) + 0.01 * p[i]);
                }
            };
        }));
        c.add(new Case("normalized GD", () -> Optimizers.normalizedGd(0.1), () -> (p, g, f, t) -> {
            double n = norm(g);
            for (int i = 0; i < N; i++) {
                p[i] -= 0.1 * g[i] / n;
            }
        }));
        c.add(new Case("SPS", () -> Optimizers.sps(0.5, 0.5, 0), () -> (p, g, f, t) -> {
            double n = norm(g);
            double gamma = Math.min(f / (0.5 * n * n), 0.5);
            for (int i = 0; i < N; i++) {
                p[i] -= gamma * g[i];
            }
        }));
        c.add(new Case("SGLD", () -> Optimizers.sgld(1e-3, 0.5, 99), () -> (p, g, f, t) -> {
            for (int i = 0; i < N; i++) {
                p[i] += -1e-3 * g[i] + Math.sqrt(2 * 1e-3 * 0.5) * Sgld.gaussian(sgldKey(99, t), i);
            }
        }));
        c.add(new Case("Schedule-Free SGD", () -> Optimizers.scheduleFreeSgd(0.1, 0.9, 1e-3, 5), () -> scheduleFree(false, 0.1, 0.9,
                0, 0, 1e-3, 5)));
        c.add(new Case("Schedule-Free AdamW", () -> Optimizers.scheduleFreeAdamW(1e-2, 0.9, 0.999, 1e-8, 1e-2, 5),
                () -> scheduleFree(true, 1e-2, 0.9, 0.999, 1e-8, 1e-2, 5)));
        c.add(new Case("Adagrad", () -> Optimizers.adagrad(0.1, 0.01, 1e-3, 0.1, 1e-10), () -> {
            double[] sum = new double[N];
            java.util.Arrays.fill(sum, 0.1);
            return (p, g, f, t) -> {
                for (int i = 0; i < N; i++) {
                    double gi = g[i] + 1e-3 * p[i];
                    sum[i] += gi * gi;
                    p[i] -= 0.1 / (1 + t * 0.01) * gi / (Math.sqrt(sum[i]) + 1e-10);
                }
            };
        }));
        c.add(new Case("Adadelta", () -> Optimizers.adadelta(1, 0.9, 1e-6, 1e-3), () -> {
            double[] sq = new double[N];
            double[] acc = new double[N];
            return (p, g, f, t) -> {
                for (int i = 0; i < N; i++) {
                    double gi = g[i] + 1e-3 * p[i];
                    sq[i] = 0.9 * sq[i] + 0.1 * gi * gi;
                    double delta = Math.sqrt(acc[i] + 1e-6) / Math.sqrt(sq[i] + 1e-6) * gi;
                    acc[i] = 0.9 * acc[i] + 0.1 * delta * delta;
                    p[i] -= delta;
                }
            };
        }));
        c.add(new Case("Rprop", () -> Optimizers.rprop(1e-3), () -> {
            double[] prev = new double[N];
            double[] step = new double[N];
            java.util.Arrays.fill(step, 1e-3);
            return (p, g, f, t) -> {
                for (int i = 0; i < N; i++) {
                    double agree = g[i] * prev[i];
                    step[i] = Math.min(Math.max(step[i] * (agree > 0 ? 1.2 : agree < 0 ? 0.5 : 1), 1e-6), 50);
                    double gi = agree < 0 ? 0 : g[i];
                    p[i] -= Math.signum(gi) * step[i];
                    prev[i] = gi;
                }
            };
        }));
        c.add(new Case("ASGD", () -> Optimizers.asgd(1e-2, 1e-2, 0.75, 5, 1e-3), () -> {
            double[] ax = new double[N];
            double[] etaMu = {1e-2, 1};
            return (p, g, f, t) -> {
                for (int i = 0; i < N; i++) {
                    double gi = g[i] + 1e-3 * p[i];
                    p[i] = p[i] * (1 - 1e-2 * etaMu[0]) - etaMu[0] * gi;
                    ax[i] = etaMu[1] == 1 ? p[i] : ax[i] + etaMu[1] * (p[i] - ax[i]);
                }
                etaMu[0] = 1e-2 / Math.pow(1 + 1e-2 * 1e-2 * (t + 1), 0.75);
                etaMu[1] = 1 / Math.max(1, t + 1 - 5.0);
            };
        }));
        c.add(new Case("Adamax", () -> Optimizers.adamax(2e-3, 0.9, 0.99, 1e-8, 1e-3), () -> {
            double[] m = new double[N];
            double[] u = new double[N];
            return (p, g, f, t) -> {
                for (int i = 0; i < N; i++) {
                    double gi = g[i] + 1e-3 * p[i];
                    m[i] = 0.9 * m[i] + 0.1 * gi;
                    u[i] = Math.max(0.99 * u[i], Math.abs(gi) + 1e-8);
                    p[i] -= 2e-3 / (1 - Math.pow(0.9, t + 1)) * m[i] / u[i];
                }
            };
        }));
        c.add(new Case("NAdam", () -> Optimizers.nadam(2e-3, 0.9, 0.999, 1e-8, 1e-3, 4e-3), () -> {
            double[] m = new double[N];
            double[] v = new double[N];
            double[] prod = {1};
            return (p, g, f, t) -> {
                int k = t + 1;
                double mu = 0.9 * (1 - 0.5 * Math.pow(0.96, k * 4e-3));
                double muNext = 0.9 * (1 - 0.5 * Math.pow(0.96, (k + 1) * 4e-3));
                prod[0] *= mu;
                for (int i = 0; i < N; i++) {
                    double gi = g[i] + 1e-3 * p[i];
                    m[i] = 0.9 * m[i] + 0.1 * gi;
                    v[i] = 0.999 * v[i] + 0.001 * gi * gi;
                    double denom = Math.sqrt(v[i] / (1 - Math.pow(0.999, k))) + 1e-8;
                    p[i] -= 2e-3 * (1 - mu) / (1 - prod[0]) * gi / denom + 2e-3 * muNext / (1 - prod[0] * muNext) * m[i] / denom;
                }
            };
        }));
        c.add(new Case("RAdam", () -> Optimizers.radam(1e-3, 0.9, 0.99, 1e-8, 1e-3), () -> {
            double[] m = new double[N];
            double[] v = new double[N];
            return (p, g, f, t) -> {
                int k = t + 1;
                double rhoInf = 2 / (1 - 0.99) - 1;
                double rho = rhoInf - 2 * k * Math.pow(0.99, k) / (1 - Math.pow(0.99, k));
                for (int i = 0; i < N; i++) {
                    double gi = g[i] + 1e-3 * p[i];
                    m[i] = 0.9 * m[i] + 0.1 * gi;
                    v[i] = 0.99 * v[i] + 0.01 * gi * gi;
                    double mh = m[i] / (1 - Math.pow(0.9, k));
                    if (rho > 5) {
                        double r = Math.sqrt((rho - 4) * (rho - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rho));
                        p[i] -= 1e-3 * mh * r * Math.sqrt(1 - Math.pow(0.99, k)) / (Math.sqrt(v[i]) + 1e-8);
                    } else {
                        p[i] -= 1e-3 * mh;
                    }
                }
            };
        }));
        c.add(new Case("Prodigy", () -> Optimizers.prodigy(1, 0.9, 0.999, Double.NaN, 1e-8, 1e-2, true, true, false, 1e-6, 1, 1.5),
                FastPathTest::prodigy));
        return c;
    }

    static long sgldKey(long seed, long t) {
        java.util.function.LongUnaryOperator mix = z -> {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        };
        return mix.applyAsLong(seed ^ mix.applyAsLong(t + 0x632BE59BD9B4E019L));
    }

    static Reference adam(double lr, double b1, double b2, double eps, double wd, boolean decoupled, boolean ams) {
        double[] m = new double[N];
        double[] v = new double[N];
        double[] vmax = new double[N];
        return (p, g, f, t) -> {
            int k = t + 1;
            for (int i = 0; i < N; i++) {
                double gi = decoupled ? g[i] : g[i] + wd * p[i];
                if (decoupled) {
                    p[i] *= 1 - lr * wd;
                }
                m[i] = b1 * m[i] + (1 - b1) * gi;
                v[i] = b2 * v[i] + (1 - b2) * gi * gi;
                vmax[i] = Math.max(vmax[i], v[i]);
                double vhat = (ams ? vmax[i] : v[i]) / (1 - Math.pow(b2, k));
                p[i] -= lr * (m[i] / (1 - Math.pow(b1, k))) / (Math.sqrt(vhat) + eps);
            }
        };
    }

    static Reference scheduleFree(boolean adamw, double lr, double beta1, double beta2, double eps, double wd, int warmup) {
        double[][] zx = new double[2][];
        double[] v = new double[N];
        double[] sums = {0, -1};
        return (p, g, f, t) -> {
            if (zx[0] == null) {
                zx[0] = p.clone();
                zx[1] = p.clone();
            }
            double[] z = zx[0];
            double[] x = zx[1];
            double l = lr * Math.min(1, (t + 1.0) / warmup) * (adamw ? Math.sqrt(1 - Math.pow(beta2, t + 1)) : 1);
            sums[1] = Math.max(sums[1], l);
            double w = sums[1] * sums[1];
            sums[0] += w;
            double ck = w / sums[0];
            for (int i = 0; i < N; i++) {
                if (adamw) {
                    z[i] -= l * wd * p[i];
                    v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                    z[i] -= l * g[i] / (Math.sqrt(v[i]) + eps);
                } else {
                    z[i] -= l * (g[i] + wd * p[i]);
                }
                x[i] = (1 - ck) * x[i] + ck * z[i];
                p[i] = beta1 * x[i] + (1 - beta1) * z[i];
            }
        };
    }

    /** Prodigy as Algorithm 1 of the paper with the authors' bias correction and growth limit. */
    static Reference prodigy() {
        double b1 = 0.9;
        double b2 = 0.999;
        double b3 = Math.sqrt(b2);
        double[] m = new double[N];
        double[] v = new double[N];
        double[] s = new double[N];
        double[][] p0 = new double[1][];
        double[] sc = {1e-6, 1e-6, 0};
        return (p, g, f, t) -> {
            if (p0[0] == null) {
                p0[0] = p.clone();
            }
            double d = sc[0];
            double dlr = d * 1 * Math.sqrt(1 - Math.pow(b2, t + 1)) / (1 - Math.pow(b1, t + 1));
            double dot = 0;
            for (int i = 0; i < N; i++) {
                dot += g[i] * (p0[0][i] - p[i]);
            }
            double num = b3 * sc[2] + (d / 1e-6) * dlr * dot;
            double l1 = 0;
            for (int i = 0; i < N; i++) {
                m[i] = b1 * m[i] + d * (1 - b1) * g[i];
                v[i] = b2 * v[i] + d * d * (1 - b2) * g[i] * g[i];
                s[i] = b3 * s[i] + (d / 1e-6) * dlr * g[i];
                l1 += Math.abs(s[i]);
            }
            double dHat = num / l1;
            double dNew = d == 1e-6 ? Math.max(d, dHat) : d;
            double dMax = Math.max(sc[1], dHat);
            dNew = Math.min(dMax, dNew * 1.5);
            sc[0] = dNew;
            sc[1] = dMax;
            sc[2] = num;
            for (int i = 0; i < N; i++) {
                p[i] -= 1e-2 * dlr * p[i] + dlr * m[i] / (Math.sqrt(v[i]) + dNew * 1e-8);
            }
        };
    }

    @TestFactory
    Stream<DynamicTest> fusedAndParallelPathsMatchPlainReferences() {
        assertTrue(N > 2 * Loop.PARALLEL_MIN / 2 && N >= Loop.PARALLEL_MIN, "the model is large enough to split across threads");
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            tests.add(DynamicTest.dynamicTest(c.name, () -> {
                double[] ref = runReference(c.reference.get());
                double fused = relativeError(runFast(c.fast.get(), true), ref);
                double update = relativeError(runFast(c.fast.get(), false), ref);
                assertTrue(fused <= 1e-12 && update <= 1e-12, c.name + ": fused " + fused + ", update " + update);
            }));
        }
        return tests.stream();
    }

    static Shape shapeOf(String path) {
        return LAYOUT.shape(LAYOUT.indexOf(path));
    }
}
