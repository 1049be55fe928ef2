package descent;

import descent.ad.Func;
import descent.tensor.Value;
import descent.optim.Minimize;
import descent.optim.Objective;
import descent.optim.Optimizers;
import descent.optim.Result;
import descent.optim.Schedule;
import descent.optim.Stop;
import descent.optim.Transform;
import descent.optim.Transforms;
import descent.tensor.Params;
import descent.tensor.Tensor;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * The {@code ./descent demo} program: a comparison of optimizers from {@code descent.optim} on the
 * Rosenbrock function in 2 and 100 dimensions, with gradients from reverse-mode AD, printed as a
 * table of steps, final loss, distance to the minimum and time.
 */
public final class Demo {
    private Demo() {
    }

    /** Chained Rosenbrock: sum_i 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2, minimum 0 at (1, ..., 1). */
    public static Value rosenbrock(Value x) {
        int n = x.size();
        Value head = x.slice(0, 0, n - 1);
        Value tail = x.slice(0, 1, n);
        return tail.sub(head.square()).square().mul(100).add(head.rsub(1).square()).sum();
    }

    private record Entry(String name, Supplier<Transform> optimizer, long steps) {
    }

    private static Schedule decay(double lr, long steps) {
        return Schedule.exponential(lr, 1e-4, steps, false);
    }

    private static void compare(String title, Params<Tensor> x0, Entry... entries) {
        Objective f = Objective.of(Func.of(Demo::rosenbrock), x0);
        int n = x0.get("x").size();
        System.out.println(title);
        System.out.printf(Locale.ROOT, "  %-24s %8s  %-13s %10s %12s %9s%n", "optimizer", "steps", "stopped by", "f(x)", "|x - x*|",
                "time");
        for (Entry e : entries) {
            Result r = Minimize.with(e.optimizer.get()).steps(e.steps).stopWhen(Stop.gradientNorm(1e-8)).run(f, x0);
            double[] x = r.x();
            double d = 0;
            for (double v : x) {
                d += (v - 1) * (v - 1);
            }
            System.out.printf(Locale.ROOT, "  %-24s %8d  %-13s %10.3e %12.3e %7.0f ms%n", e.name, r.steps(),
                    r.reason().name().toLowerCase(Locale.ROOT), r.value(), Math.sqrt(d), r.nanos() / 1e6);
        }
        System.out.printf(Locale.ROOT, "  (%d parameters; runs stop when |grad f| <= 1e-8 or the step budget is spent)%n%n", n);
    }

    /** Runs the demo. */
    public static void main(String[] args) {
        System.out.println("Descent demo: the optimizers of descent.optim on the Rosenbrock function, gradients from reverse-mode AD");
        System.out.println();
        compare("2-D Rosenbrock from (-1.2, 1); minimum f = 0 at (1, 1)", Params.of("x", Tensor.of(-1.2, 1)),
                new Entry("SGD", () -> Optimizers.sgd(1.5e-3), 30_000),
                new Entry("SGD, Nesterov momentum", () -> Optimizers.sgd(5e-4, 0.9, 0, 0, true), 30_000),
                new Entry("Adagrad", () -> Optimizers.adagrad(0.5), 30_000),
                new Entry("RMSprop, decaying lr", () -> Transforms.chain(Optimizers.rmsprop(1), Transforms.scale(decay(1e-2, 20_000))),
                        20_000),
                new Entry("Rprop", () -> Optimizers.rprop(1e-2, 0.5, 1.2, 1e-12, 50), 30_000),
                new Entry("Adam", () -> Optimizers.adam(0.02), 30_000),
                new Entry("AMSGrad", () -> Optimizers.amsgrad(0.02), 30_000),
                new Entry("RAdam", () -> Optimizers.radam(2e-3), 30_000),
                new Entry("Lion, decaying lr", () -> Optimizers.lion(decay(0.02, 10_000), Schedule.constant(0.9), Schedule.constant(0.99),
                        Schedule.constant(0)), 10_000),
                new Entry("Schedule-Free AdamW", () -> Optimizers.scheduleFreeAdamW(0.01), 30_000),
                new Entry("Prodigy", () -> Optimizers.prodigy(0.3, 0.9, 0.999, Double.NaN, 1e-8, 0, true, true, true, 1e-6, 0.1,
                        Double.POSITIVE_INFINITY), 30_000),
                new Entry("SAM (SGD), decaying rho", () -> Optimizers.sam(Optimizers.sgd(1.5e-3), decay(0.05, 30_000)), 30_000),
                new Entry("SPS", () -> Optimizers.sps(1e-2), 30_000));
        compare("100-D Rosenbrock from x = 0; minimum f = 0 at (1, ..., 1)", Params.of("x", Tensor.zeros(100)),
                new Entry("Adam", () -> Optimizers.adam(0.01), 50_000),
                new Entry("Adam, warmup-cosine lr", () -> Optimizers.adamW(Schedule.warmupCosine(0, 0.02, 500, 50_000, 0), 0.9, 0.999, 1e-8,
                        0), 50_000),
                new Entry("Rprop", () -> Optimizers.rprop(1e-2, 0.5, 1.2, 1e-12, 50), 50_000),
                new Entry("NAdam", () -> Optimizers.nadam(0.01), 50_000));
    }
}
