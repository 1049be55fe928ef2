import descent.ad.Func;
import descent.optim.Minimize;
import descent.optim.Objective;
import descent.optim.Optimizers;
import descent.optim.Result;
import descent.optim.Stop;
import descent.tensor.Params;
import descent.tensor.Tensor;

/**
 * A plain-Java program running an optimizer of descent.optim: Adam on the Rosenbrock function from
 * (-1.2, 1) until the gradient norm falls to 1e-8. Run with: ./descent run examples/Rosenbrock.java
 */
public class Rosenbrock {
    public static void main(String[] args) {
        Func rosen = Func.of(p -> {
            var x = p.index(0, 0);
            var y = p.index(0, 1);
            return x.rsub(1).square().add(y.sub(x.square()).square().mul(100));
        });
        Params<Tensor> start = Params.of("x", Tensor.of(-1.2, 1.0));
        Result r = Minimize.with(Optimizers.adam(2e-2)).steps(20_000).stopWhen(Stop.gradientNorm(1e-8))
                .run(Objective.of(rosen, start), start);
        double[] x = r.x();
        System.out.printf("adam: %s after %d steps, x = (%.9f, %.9f), f = %.3e%n", r.reason(), r.steps(), x[0], x[1], r.value());
        if (r.reason() != Stop.Reason.GRADIENT_NORM || Math.hypot(x[0] - 1, x[1] - 1) > 1e-6) {
            throw new AssertionError("Adam did not reach (1, 1): " + r);
        }
    }
}
