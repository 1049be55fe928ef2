package descent.optim;

import descent.tensor.Params;
import descent.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every optimizer of the catalogue reaches the minimum of a 3-D ill-conditioned quadratic
 * (condition number 100, rotated) from the origin and of the 2-D Rosenbrock function from
 * (-1.2, 1), within the step budget and distance tolerance written beside it. Hyperparameters are
 * chosen per problem, as a user would; sign methods, SAM-type methods and Muon get decaying
 * schedules because with a constant step they hover at a distance proportional to it. Each also
 * trains a small MLP regression (one tanh layer of 16 units fitting sin on 64 points of [-3, 3])
 * from the same initialization to a mean squared error below 1e-2 (the data's variance is 0.5)
 * within the steps written beside it.
 */
class ConvergenceTest {
    /** A = Q diag(1, 10, 100) Q^T with Q the Householder reflection of v = (1, 2, 2) / 3. */
    static final double[][] A = new double[3][3];
    static final double[] B = {1, -2, 0.5};
    static final double[] X_STAR = new double[3];
    static final double F_STAR;

    static {
        double[] v = {1 / 3.0, 2 / 3.0, 2 / 3.0};
        double[] lambda = {1, 10, 100};
        double[][] q = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                q[i][j] = (i == j ? 1 : 0) - 2 * v[i] * v[j];
            }
        }
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double a = 0;
                double inv = 0;
                for (int k = 0; k < 3; k++) {
                    a += q[i][k] * lambda[k] * q[j][k];
                    inv += q[i][k] / lambda[k] * q[j][k];
                }
                A[i][j] = a;
                X_STAR[i] += inv * B[j];
            }
        }
        double f = 0;
        for (int i = 0; i < 3; i++) {
            f -= 0.5 * B[i] * X_STAR[i];
        }
        F_STAR = f;
    }

    static double quadratic(double[] x, double[] g) {
        double f = 0;
        for (int i = 0; i < 3; i++) {
            double ax = 0;
            for (int j = 0; j < 3; j++) {
                ax += A[i][j] * x[j];
            }
            g[i] = ax - B[i];
            f += 0.5 * x[i] * ax - B[i] * x[i];
        }
        return f;
    }

    static double rosenbrock(double[] x, double[] g) {
        double a = 1 - x[0];
        double b = x[1] - x[0] * x[0];
        g[0] = -2 * a - 400 * b * x[0];
        g[1] = 200 * b;
        return a * a + 100 * b * b;
    }

    record Case(String name, Supplier<Transform> quad, int quadSteps, double quadTol, Supplier<Transform> rosen, int rosenSteps,
            double rosenTol, boolean column) {
        Case(String name, Supplier<Transform> quad, int quadSteps, double quadTol, Supplier<Transform> rosen, int rosenSteps,
                double rosenTol) {
            this(name, quad, quadSteps, quadTol, rosen, rosenSteps, rosenTol, false);
        }
    }

    /** {@code lr} decaying exponentially to {@code 1e-4 lr} at {@code steps}. */
    static Schedule decay(double lr, long steps) {
        return Schedule.exponential(lr, 1e-4, steps, false);
    }

    /** {@code optimizer} (built with learning rate 1) times a decaying learning rate. */
    static Transform decaying(Transform optimizer, double lr, long steps) {
        return Transforms.chain(optimizer, Transforms.scale(decay(lr, steps)));
    }

    static Schedule c(double v) {
        return Schedule.constant(v);
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("SGD", () -> Optimizers.sgd(0.019), 1500, 1e-8, () -> Optimizers.sgd(1.5e-3), 30000, 1e-6));
        c.add(new Case("SGD momentum", () -> Optimizers.sgd(0.01, 0.8), 400, 1e-8, () -> Optimizers.sgd(5e-4, 0.9), 10000, 1e-6));
        c.add(new Case("SGD Nesterov", () -> Optimizers.sgd(0.01, 0.8, 0, 0, true), 400, 1e-8,
                () -> Optimizers.sgd(5e-4, 0.9, 0, 0, true), 10000, 1e-6));
        c.add(new Case("Adagrad", () -> Optimizers.adagrad(0.5), 2000, 1e-8, () -> Optimizers.adagrad(0.5), 20000, 1e-6));
        c.add(new Case("Adadelta", () -> decaying(Optimizers.adadelta(1, 0.9, 1e-6, 0), 1, 20000), 20000, 1e-8,
                () -> decaying(Optimizers.adadelta(1, 0.9, 1e-6, 0), 1, 30000), 30000, 1e-6));
        c.add(new Case("RMSprop", () -> decaying(Optimizers.rmsprop(1), 1e-2, 3000), 3000, 1e-5,
                () -> decaying(Optimizers.rmsprop(1), 1e-2, 20000), 20000, 1e-5));
        c.add(new Case("RMSprop centered", () -> Optimizers.rmsprop(1e-3, 0.99, 1e-8, 0, 0.9, true), 3000, 1e-4,
                () -> Optimizers.rmsprop(1e-4, 0.99, 1e-8, 0, 0.9, true), 20000, 1e-3));
        c.add(new Case("Rprop", () -> Optimizers.rprop(1e-2, 0.5, 1.2, 1e-12, 50), 500, 1e-8,
                () -> Optimizers.rprop(1e-2, 0.5, 1.2, 1e-12, 50), 10000, 1e-6));
        c.add(new Case("ASGD", () -> Optimizers.asgd(0.019, 0, 0.75, 1000, 0), 3000, 1e-8,
                () -> Optimizers.asgd(1.5e-3, 0, 0.75, 15000, 0), 30000, 1e-4));
        c.add(new Case("Adam", () -> Optimizers.adam(0.05), 3000, 1e-8, () -> Optimizers.adam(0.02), 10000, 1e-5));
        c.add(new Case("AdamW", () -> Optimizers.adamW(0.05, 0.9, 0.999, 1e-8, 0), 3000, 1e-8,
                () -> Optimizers.adamW(0.02, 0.9, 0.999, 1e-8, 0), 10000, 1e-5));
        c.add(new Case("AMSGrad", () -> Optimizers.amsgrad(0.05), 3000, 1e-8, () -> Optimizers.amsgrad(0.02), 10000, 1e-4));
        c.add(new Case("Adamax", () -> Optimizers.adamax(0.05), 3000, 1e-6, () -> Optimizers.adamax(0.02), 10000, 1e-5));
        c.add(new Case("NAdam", () -> decaying(Optimizers.nadam(1), 0.05, 3000), 3000, 1e-8,
                () -> decaying(Optimizers.nadam(1), 0.02, 30000), 30000, 1e-6));
        c.add(new Case("RAdam", () -> Optimizers.radam(0.05), 3000, 1e-8, () -> Optimizers.radam(2e-3), 20000, 1e-6));
        c.add(new Case("AdaBelief", () -> Optimizers.adaBelief(0.05), 3000, 1e-4, () -> Optimizers.adaBelief(0.02), 10000, 1e-5));
        c.add(new Case("Lion", () -> Optimizers.lion(decay(0.05, 3000), c(0.9), c(0.99), c(0)), 3000, 1e-4,
                () -> Optimizers.lion(decay(0.02, 10000), c(0.9), c(0.99), c(0)), 10000, 1e-5));
        c.add(new Case("Adafactor", () -> decaying(Optimizers.adafactor(1), 0.05, 5000), 5000, 1e-8,
                () -> decaying(Optimizers.adafactor(1), 0.02, 20000), 20000, 1e-5));
        c.add(new Case("Adam-mini", () -> Optimizers.adamMini(0.05), 3000, 1e-6, () -> Optimizers.adamMini(0.02), 10000, 1e-4));
        c.add(new Case("signSGD", () -> Optimizers.signSgd(decay(0.05, 3000)), 3000, 1e-3,
                () -> Optimizers.signSgd(Schedule.exponential(0.05, 1e-5, 30000, false)), 30000, 2e-3));
        c.add(new Case("Signum", () -> Optimizers.signum(decay(0.05, 3000), c(0.9), c(0)), 3000, 1e-4,
                () -> Optimizers.signum(decay(0.02, 10000), c(0.9), c(0)), 10000, 1e-5));
        c.add(new Case("SignRR", () -> Optimizers.signRR(decay(0.05, 3000)), 3000, 1e-3,
                () -> Optimizers.signRR(Schedule.exponential(0.05, 1e-5, 30000, false)), 30000, 2e-3));
        c.add(new Case("normalized GD", () -> Optimizers.normalizedGd(decay(0.05, 3000)), 3000, 1e-5,
                () -> Optimizers.normalizedGd(decay(0.02, 10000)), 10000, 1e-3));
        c.add(new Case("clipped SGD", () -> Optimizers.clippedSgd(0.019, 1), 1500, 1e-8, () -> Optimizers.clippedSgd(1.5e-3, 10), 30000,
                1e-6));
        c.add(new Case("Schedule-Free SGD", () -> Optimizers.scheduleFreeSgd(0.015), 20000, 1e-7,
                () -> Optimizers.scheduleFreeSgd(3e-3), 50000, 5e-3));
        c.add(new Case("Schedule-Free AdamW", () -> Optimizers.scheduleFreeAdamW(0.05), 3000, 1e-5,
                () -> Optimizers.scheduleFreeAdamW(0.01), 30000, 1e-3));
        c.add(new Case("Prodigy", Optimizers::prodigy, 3000, 1e-8,
                () -> Optimizers.prodigy(0.3, 0.9, 0.999, Double.NaN, 1e-8, 0, true, true, true, 1e-6, 0.1, Double.POSITIVE_INFINITY), 10000,
                1e-5));
        c.add(new Case("SAM (SGD)", () -> Optimizers.sam(Optimizers.sgd(0.01), decay(0.05, 3000)), 3000, 2e-5,
                () -> Optimizers.sam(Optimizers.sgd(1.5e-3), decay(0.05, 30000)), 30000, 1e-4));
        c.add(new Case("ASAM (SGD)", () -> Optimizers.asam(Optimizers.sgd(0.01), decay(0.05, 3000), 0.01), 3000, 2e-5,
                () -> Optimizers.asam(Optimizers.sgd(1.5e-3), decay(0.05, 30000), 0.01), 30000, 1e-4));
        c.add(new Case("GAM (SGD)", () -> Optimizers.gam(Optimizers.sgd(0.01), decay(0.02, 3000), decay(0.2, 3000), 0.6, 0.5, 0.4, 0.03),
                3000, 5e-5, () -> Optimizers.gam(Optimizers.sgd(1.5e-3), decay(0.02, 30000), decay(0.2, 30000), 0.6, 0.5, 0.4, 0.03), 30000,
                2e-4));
        c.add(new Case("SPS (fStar known)", () -> Optimizers.sps(1, 0.5, F_STAR), 500, 1e-6, () -> Optimizers.sps(1e-2, 0.5, 0), 20000,
                1e-8));
        c.add(new Case("SGLD (T = 1e-14)", () -> Optimizers.sgld(0.019, 1e-14, 7), 1500, 1e-6,
                () -> Optimizers.sgld(1.5e-3, 1e-14, 7), 30000, 1e-5));
        c.add(new Case("Lookahead (Adam)", () -> Transforms.lookahead(Optimizers.adam(0.05), 5, 0.5), 3000, 1e-6,
                () -> Transforms.lookahead(Optimizers.adam(0.02), 5, 0.5), 10000, 1e-4));
        c.add(new Case("Muon (x as a column)", () -> Optimizers.muon(decay(0.05, 3000), 0.95, true, 5, 0, Transforms.setToZero()), 3000,
                1e-5, () -> Optimizers.muon(decay(0.02, 20000), 0.95, true, 5, 0, Transforms.setToZero()), 20000, 1e-5, true));
        return c;
    }

    record MlpCase(String name, Supplier<Transform> optimizer, int steps) {
    }

    static final double MLP_TARGET = 1e-2;

    static List<MlpCase> mlpCases() {
        List<MlpCase> c = new ArrayList<>();
        c.add(new MlpCase("SGD", () -> Optimizers.sgd(0.03), 5000));
        c.add(new MlpCase("SGD momentum", () -> Optimizers.sgd(0.1, 0.9), 2000));
        c.add(new MlpCase("SGD Nesterov", () -> Optimizers.sgd(0.03, 0.9, 0, 0, true), 2000));
        c.add(new MlpCase("Adagrad", () -> Optimizers.adagrad(0.1), 2000));
        c.add(new MlpCase("Adadelta", () -> Optimizers.adadelta(0.1, 0.9, 1e-6, 0), 4000));
        c.add(new MlpCase("RMSprop", () -> Optimizers.rmsprop(3e-3), 2000));
        c.add(new MlpCase("RMSprop centered", () -> Optimizers.rmsprop(1e-3, 0.99, 1e-8, 0, 0.9, true), 2000));
        c.add(new MlpCase("Rprop", () -> Optimizers.rprop(3e-3), 2000));
        c.add(new MlpCase("ASGD", () -> Optimizers.asgd(0.03), 5000));
        c.add(new MlpCase("Adam", () -> Optimizers.adam(1e-2), 2000));
        c.add(new MlpCase("AdamW", () -> Optimizers.adamW(1e-2, 0.9, 0.999, 1e-8, 1e-4), 2000));
        c.add(new MlpCase("AMSGrad", () -> Optimizers.amsgrad(0.03), 2000));
        c.add(new MlpCase("Adamax", () -> Optimizers.adamax(0.03), 2000));
        c.add(new MlpCase("NAdam", () -> Optimizers.nadam(1e-2), 2000));
        c.add(new MlpCase("RAdam", () -> Optimizers.radam(0.03), 2000));
        c.add(new MlpCase("AdaBelief", () -> Optimizers.adaBelief(0.03), 2000));
        c.add(new MlpCase("Lion", () -> Optimizers.lion(1e-3), 2000));
        c.add(new MlpCase("Adafactor", () -> Optimizers.adafactor(3e-3), 2000));
        c.add(new MlpCase("Adam-mini", () -> Optimizers.adamMini(0.03), 2000));
        c.add(new MlpCase("signSGD", () -> Optimizers.signSgd(decay(0.1, 2000)), 2000));
        c.add(new MlpCase("Signum", () -> Optimizers.signum(decay(0.03, 2000), c(0.9), c(0)), 2000));
        c.add(new MlpCase("SignRR", () -> Optimizers.signRR(decay(0.1, 2000)), 2000));
        c.add(new MlpCase("normalized GD", () -> Optimizers.normalizedGd(decay(0.3, 2000)), 2000));
        c.add(new MlpCase("clipped SGD", () -> Optimizers.clippedSgd(0.03, 1), 5000));
        c.add(new MlpCase("Schedule-Free SGD", () -> Optimizers.scheduleFreeSgd(0.3), 2000));
        c.add(new MlpCase("Schedule-Free AdamW", () -> Optimizers.scheduleFreeAdamW(0.03), 2000));
        c.add(new MlpCase("Prodigy", Optimizers::prodigy, 2000));
        c.add(new MlpCase("SAM (Adam)", () -> Optimizers.sam(Optimizers.adam(1e-2)), 2000));
        c.add(new MlpCase("ASAM (Adam)", () -> Optimizers.asam(Optimizers.adam(3e-3)), 2000));
        c.add(new MlpCase("GAM (Adam)", () -> Optimizers.gam(Optimizers.adam(0.03)), 2000));
        c.add(new MlpCase("SPS", () -> Optimizers.sps(1), 2000));
        c.add(new MlpCase("SGLD (T = 1e-8)", () -> Optimizers.sgld(0.03, 1e-8, 3), 5000));
        c.add(new MlpCase("Lookahead (Adam)", () -> Transforms.lookahead(Optimizers.adam(0.03), 5, 0.5), 2000));
        c.add(new MlpCase("Muon", () -> Optimizers.muon(1e-3, 0.95, true, 5, 0, Optimizers.adamW(1e-2, 0.9, 0.95, 1e-8, 0)), 2000));
        c.add(new MlpCase("OrthoGrad (Adam)", () -> Optimizers.orthoGrad(Optimizers.adam(0.03)), 2000));
        return c;
    }

    @TestFactory
    Stream<DynamicTest> everyOptimizerTrainsTheMlp() {
        Mlp mlp = new Mlp(64, 16);
        Params<Tensor> p0 = mlp.init(1);
        Objective objective = mlp.objective(p0);
        List<DynamicTest> tests = new ArrayList<>();
        for (MlpCase c : mlpCases()) {
            tests.add(DynamicTest.dynamicTest(c.name, () -> {
                Result r = Minimize.with(c.optimizer.get()).steps(c.steps).run(objective, p0);
                System.out.printf(Locale.ROOT, "| %-20s | MLP | %5d | %8.1e | %8.1e |%n", c.name, c.steps, MLP_TARGET, r.value());
                assertTrue(r.value() < MLP_TARGET, c.name + ": MLP loss " + r.value() + " after " + c.steps + " steps");
            }));
        }
        return tests.stream();
    }

    static double distance(double[] x, double[] target) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (x[i] - target[i]) * (x[i] - target[i]);
        }
        return Math.sqrt(s);
    }

    @TestFactory
    Stream<DynamicTest> everyOptimizerReachesTheMinima() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            tests.add(DynamicTest.dynamicTest(c.name, () -> {
                Result q;
                Result r;
                if (c.column) {
                    q = Minimize.with(c.quad.get()).steps(c.quadSteps).run(ConvergenceTest::quadratic, Params.of("w", Tensor.zeros(3, 1)));
                    r = Minimize.with(c.rosen.get()).steps(c.rosenSteps).run(ConvergenceTest::rosenbrock,
                            Params.of("w", Tensor.of(new double[][] {{-1.2}, {1}})));
                } else {
                    q = Minimize.with(c.quad.get()).steps(c.quadSteps).run(ConvergenceTest::quadratic, new double[3]);
                    r = Minimize.with(c.rosen.get()).steps(c.rosenSteps).run(ConvergenceTest::rosenbrock, new double[] {-1.2, 1});
                }
                double dq = distance(q.x(), X_STAR);
                double dr = distance(r.x(), new double[] {1, 1});
                System.out.printf(Locale.ROOT, "| %-20s | %6d | %8.1e | %8.1e | %6d | %8.1e | %8.1e |%n", c.name, c.quadSteps, c.quadTol, dq,
                        c.rosenSteps, c.rosenTol, dr);
                assertTrue(dq <= c.quadTol, c.name + " on the quadratic: distance " + dq + " after " + c.quadSteps + " steps");
                assertTrue(dr <= c.rosenTol, c.name + " on Rosenbrock: distance " + dr + " after " + c.rosenSteps + " steps");
            }));
        }
        return tests.stream();
    }
}
