package descent.optim;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * L-BFGS with the strong Wolfe search against {@code torch.optim.LBFGS(line_search_fn="strong_wolfe")}
 * (torch_lbfgs.py, committed output torch-lbfgs.jsonl): every iterate of every run agrees to 1e-8
 * relative, and the run ends after the same number of iterations. The problems have fewer than 16
 * parameters, where torch's inner products (OpenBLAS {@code ddot}) are sequential fused sums like
 * Descent's, so with the same objective arithmetic (the Rosenbrock runs) the paths agree bit for
 * bit; with more parameters the two libraries sum in different orders, and on Rosenbrock's
 * valley a difference of one ulp grows about tenfold every four iterations.
 */
class LbfgsTorchTest {
    @SuppressWarnings("unchecked")
    static Objective objective(Map<String, Object> run) {
        String name = (String) run.get("name");
        if (name.startsWith("quad")) {
            return Problems::quad;
        }
        if (name.startsWith("rosen")) {
            return Problems::rosen;
        }
        Map<String, Object> data = (Map<String, Object>) run.get("data");
        double[][] features = Json.matrix(data.get("X"));
        double[] labels = Json.doubles(data.get("y"));
        double lambda = ((Number) data.get("lambda")).doubleValue();
        return (w, g) -> {
            int m = features.length;
            java.util.Arrays.fill(g, 0);
            double loss = 0;
            for (int k = 0; k < m; k++) {
                double z = 0;
                for (int j = 0; j < w.length; j++) {
                    z += features[k][j] * w[j];
                }
                z *= labels[k];
                loss += Math.log1p(Math.exp(-z));
                double s = 1 / (1 + Math.exp(z));
                for (int j = 0; j < w.length; j++) {
                    g[j] -= features[k][j] * labels[k] * s / m;
                }
            }
            double ww = 0;
            for (int j = 0; j < w.length; j++) {
                ww += w[j] * w[j];
                g[j] += lambda * w[j];
            }
            return loss / m + 0.5 * lambda * ww;
        };
    }

    @TestFactory
    Stream<DynamicTest> iteratesMatchTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> run : Json.lines("/descent/optim/torch-lbfgs.jsonl")) {
            int history = ((Number) run.get("history")).intValue();
            String label = run.get("name") + " history " + history;
            tests.add(DynamicTest.dynamicTest(label, () -> {
                double tolGrad = ((Number) run.get("tolerance_grad")).doubleValue();
                double tolChange = ((Number) run.get("tolerance_change")).doubleValue();
                double[][] trace = Json.matrix(run.get("trace"));
                double[] losses = Json.doubles(run.get("losses"));
                Result r = Minimize.with(Methods.lbfgs(history, LineSearch.strongWolfe(), tolGrad, tolChange))
                        .steps(trace.length + 50).recordIterates()
                        .run(objective(run), Json.doubles(run.get("x0")));
                List<double[]> iterates = r.history().iterates();
                for (int k = 0; k < trace.length; k++) {
                    assertTrue(k + 1 < iterates.size(), label + ": stopped after " + r.iterations() + " iterations (" + r.reason()
                            + "), torch after " + trace.length);
                    double[] x = iterates.get(k + 1);
                    for (int i = 0; i < x.length; i++) {
                        double ref = trace[k][i];
                        assertEquals(ref, x[i], 1e-8 * Math.max(1, Math.abs(ref)), label + ": iteration " + (k + 1) + " element " + i);
                    }
                    double f = r.history().loss(k + 1);
                    assertEquals(losses[k], f, 1e-8 * Math.max(1, Math.abs(losses[k])), label + ": loss after iteration " + (k + 1));
                }
                assertEquals(trace.length, r.iterations(), label + ": iterations (" + r.reason() + ")");
            }));
        }
        return tests.stream();
    }
}
