package descent.optim;

import descent.tensor.ParamLayout;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Descent's optimizers built by {@link Optimizers#fromTorch} follow torch.optim's trajectories
 * (Debian's torch 1.13, float64) step by step to 1e-10 relative, through both the fused step and
 * the composable update. The traces are in src/test/resources/descent/optim, made by
 * tools/torch-golden/torch_optim_golden.py (and ../shared/reference/torch_golden.py).
 */
class TorchMatchTest {
    static final String[] FILES = {"torch-optim-quad.jsonl", "torch-optim-quad-more.jsonl", "torch-optim-rosen.jsonl"};
    static final double TOLERANCE = 1e-10;

    /** max_i |x_i - ref_i| / max_i |ref_i|. */
    static double relativeError(double[] x, double[] ref) {
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < x.length; i++) {
            diff = Math.max(diff, Math.abs(x[i] - ref[i]));
            scale = Math.max(scale, Math.abs(ref[i]));
        }
        return diff / Math.max(scale, 1e-300);
    }

    /** The iterates after each of {@code steps} steps, fused ({@code fused}) or by update-then-add. */
    static double[][] trajectory(Transform opt, Objective f, double[] x0, int steps, boolean fused) {
        double[] x = x0.clone();
        double[] g = new double[x.length];
        ParamLayout layout = Layouts.vector(x.length);
        State state = opt.init(layout, x);
        Context context = new Context();
        double[][] out = new double[steps][];
        for (int k = 0; k < steps; k++) {
            double v = f.valueAndGrad(x, g);
            context.set(v, f::valueAndGrad);
            if (fused) {
                opt.step(g, state, x, context);
            } else {
                opt.update(g, state, x, context);
                for (int i = 0; i < x.length; i++) {
                    x[i] += g[i];
                }
            }
            out[k] = x.clone();
        }
        return out;
    }

    static double maxError(double[][] mine, double[][] ref) {
        double worst = 0;
        for (int k = 0; k < ref.length; k++) {
            worst = Math.max(worst, relativeError(mine[k], ref[k]));
        }
        return worst;
    }

    @SuppressWarnings("unchecked")
    @TestFactory
    Stream<DynamicTest> everyTorchTraceIsMatchedStepByStep() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String file : FILES) {
            for (Map<String, Object> line : Json.lines("/descent/optim/" + file)) {
                String name = (String) line.get("optimizer");
                if (name.equals("LBFGS") || name.equals("NAdam")) {
                    continue;
                }
                Map<String, Object> hyper = (Map<String, Object>) line.get("hyper");
                String objective = (String) line.get("objective");
                double[] x0 = Json.doubles(line.get("x0"));
                double[][] ref = Json.matrix(line.get("trace"));
                tests.add(DynamicTest.dynamicTest(file + " " + name + hyper, () -> {
                    Objective f = Problems.objective(objective);
                    for (boolean fused : new boolean[] {true, false}) {
                        double[][] mine = trajectory(Optimizers.fromTorch(name, hyper), f, x0, ref.length, fused);
                        for (int k = 0; k < ref.length; k++) {
                            double e = relativeError(mine[k], ref[k]);
                            int step = k;
                            assertTrue(e <= TOLERANCE, () -> name + hyper + (fused ? " step " : " update ") + (step + 1)
                                    + ": relative error " + e + ", Descent " + java.util.Arrays.toString(mine[step])
                                    + " torch " + java.util.Arrays.toString(ref[step]));
                        }
                    }
                }));
            }
        }
        assertTrue(tests.size() >= 50, "expected at least 50 torch traces, found " + tests.size());
        return tests.stream();
    }

    /**
     * torch 1.13's NAdam multiplies the momentum product of its Nesterov term by mu_t twice
     * ({@code mu_product * mu * mu_next}); torch 2.x and the paper use {@code mu_product * mu_next}.
     * A reference of each formula shows that the 1.13 traces follow the former exactly and that
     * Descent follows the latter, so the difference is that term alone.
     */
    @SuppressWarnings("unchecked")
    @Test
    void nadamDiffersFromTorch113ExactlyByItsDoubleCountedMomentum() {
        int checked = 0;
        for (String file : FILES) {
            for (Map<String, Object> line : Json.lines("/descent/optim/" + file)) {
                if (!line.get("optimizer").equals("NAdam")) {
                    continue;
                }
                Map<String, Object> hyper = (Map<String, Object>) line.get("hyper");
                Objective f = Problems.objective((String) line.get("objective"));
                double[] x0 = Json.doubles(line.get("x0"));
                double[][] ref = Json.matrix(line.get("trace"));
                double lr = ((Number) hyper.getOrDefault("lr", 2e-3)).doubleValue();
                double[] betas = hyper.containsKey("betas") ? Json.doubles(hyper.get("betas")) : new double[] {0.9, 0.999};
                double psi = ((Number) hyper.getOrDefault("momentum_decay", 4e-3)).doubleValue();
                double[][] legacy = nadamReference(f, x0, ref.length, lr, betas[0], betas[1], 1e-8, psi, true);
                double[][] paper = nadamReference(f, x0, ref.length, lr, betas[0], betas[1], 1e-8, psi, false);
                assertTrue(maxError(legacy, ref) <= TOLERANCE, "the torch 1.13 formula reproduces its trace: " + maxError(legacy, ref));
                double[][] mine = trajectory(Optimizers.fromTorch("NAdam", hyper), f, x0, ref.length, true);
                assertTrue(maxError(mine, paper) <= 1e-12, "Descent follows the paper's formula: " + maxError(mine, paper));
                assertTrue(maxError(mine, ref) > 1e-6, "and therefore differs from torch 1.13: " + maxError(mine, ref));
                checked++;
            }
        }
        assertEquals(3, checked);
    }

    /** NAdam written from torch's equations, with torch 1.13's product or the paper's. */
    static double[][] nadamReference(Objective f, double[] x0, int steps, double lr, double b1, double b2, double eps, double psi,
            boolean torch113) {
        int n = x0.length;
        double[] x = x0.clone();
        double[] g = new double[n];
        double[] m = new double[n];
        double[] v = new double[n];
        double prod = 1;
        double[][] out = new double[steps][];
        for (int t = 1; t <= steps; t++) {
            f.valueAndGrad(x, g);
            double mu = b1 * (1 - 0.5 * Math.pow(0.96, t * psi));
            double muNext = b1 * (1 - 0.5 * Math.pow(0.96, (t + 1) * psi));
            prod *= mu;
            double prodNext = torch113 ? prod * mu * muNext : prod * muNext;
            double bc2 = 1 - Math.pow(b2, t);
            for (int i = 0; i < n; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double denom = Math.sqrt(v[i] / bc2) + eps;
                x[i] -= lr * (1 - mu) / (1 - prod) * g[i] / denom;
                x[i] -= lr * muNext / (1 - prodNext) * m[i] / denom;
            }
            out[t - 1] = x.clone();
        }
        return out;
    }

    @Test
    void maximizeFollowsTheNegatedObjective() {
        Objective f = Problems::quad;
        Objective negated = (x, g) -> {
            double v = f.valueAndGrad(x, g);
            for (int i = 0; i < g.length; i++) {
                g[i] = -g[i];
            }
            return -v;
        };
        double[] x0 = {0.3, -0.2, 0.1};
        for (String cls : TorchOptimizers.classes()) {
            Map<String, Object> plain = cls.equals("SGD") ? Map.of("lr", 0.01) : Map.of();
            Map<String, Object> max = cls.equals("SGD") ? Map.of("lr", 0.01, "maximize", true) : Map.of("maximize", true);
            double[][] a = trajectory(Optimizers.fromTorch(cls, plain), f, x0, 20, true);
            double[][] b = trajectory(Optimizers.fromTorch(cls, max), negated, x0, 20, true);
            assertTrue(maxError(a, b) == 0, cls + ": maximizing -f is minimizing f");
        }
    }

    @Test
    void unknownClassesAndArgumentsListTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizers.fromTorch("Adamw", Map.of()));
        assertTrue(e.getMessage().contains("did you mean 'AdamW'") && e.getMessage().contains("[SGD, Adagrad"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Optimizers.fromTorch("LBFGS", Map.of()));
        assertTrue(e.getMessage().contains("valid classes are"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Optimizers.fromTorch("Adam", Map.of("beta1", 0.9)));
        assertTrue(e.getMessage().contains("has no argument 'beta1'") && e.getMessage().contains("betas")
                && e.getMessage().contains("amsgrad"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Optimizers.fromTorch("SGD", Map.of("momentum", 0.9)));
        assertTrue(e.getMessage().contains("requires the argument 'lr'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Optimizers.fromTorch("Adam", Map.of("betas", List.of(0.9))));
        assertTrue(e.getMessage().contains("'betas' must be a list of two values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Optimizers.fromTorch("Adam", Map.of("betas", List.of(0.9, 1.0))));
        assertTrue(e.getMessage().contains("beta2 must be in [0, 1), got 1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Optimizers.fromTorch("Adam", Map.of("eps", 0.0)));
        assertTrue(e.getMessage().contains("eps must be in (0, inf), got 0.0"), "torch accepts eps = 0, Descent does not: "
                + e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Optimizers.fromTorch("SGD", Map.of("lr", 0.1, "nesterov", true)));
        assertTrue(e.getMessage().contains("Nesterov momentum requires momentum > 0"), e.getMessage());
    }

    @Test
    void defaultsAreTorchs() {
        double[] x0 = {0.3, -0.2, 0.1};
        Objective f = Problems::quad;
        Object[][] pairs = {
            {Optimizers.fromTorch("Adam", Map.of()), Optimizers.adam(1e-3, 0.9, 0.999, 1e-8, 0)},
            {Optimizers.fromTorch("AdamW", Map.of()), Optimizers.adamW(1e-3, 0.9, 0.999, 1e-8, 0.01)},
            {Optimizers.fromTorch("Adagrad", Map.of()), Optimizers.adagrad(1e-2, 0, 0, 0, 1e-10)},
            {Optimizers.fromTorch("Adadelta", Map.of()), Optimizers.adadelta(1.0, 0.9, 1e-6, 0)},
            {Optimizers.fromTorch("RMSprop", Map.of()), Optimizers.rmsprop(1e-2, 0.99, 1e-8, 0, 0, false)},
            {Optimizers.fromTorch("Rprop", Map.of()), Optimizers.rprop(1e-2, 0.5, 1.2, 1e-6, 50)},
            {Optimizers.fromTorch("ASGD", Map.of()), Optimizers.asgd(1e-2, 1e-4, 0.75, 1e6, 0)},
            {Optimizers.fromTorch("Adamax", Map.of()), Optimizers.adamax(2e-3, 0.9, 0.999, 1e-8, 0)},
            {Optimizers.fromTorch("NAdam", Map.of()), Optimizers.nadam(2e-3, 0.9, 0.999, 1e-8, 0, 4e-3)},
            {Optimizers.fromTorch("RAdam", Map.of()), Optimizers.radam(1e-3, 0.9, 0.999, 1e-8, 0)},
        };
        for (Object[] p : pairs) {
            double[][] a = trajectory((Transform) p[0], f, x0, 10, true);
            double[][] b = trajectory((Transform) p[1], f, x0, 10, true);
            assertEquals(0, maxError(a, b), 0);
        }
        assertThrows(IllegalArgumentException.class, () -> Optimizers.fromTorch("SGD", Map.of()));
    }
}
