import descent.optim.Schedule;
import descent.pinn.Init;
import descent.pinn.Mlp;
import descent.pinn.Phase;
import descent.pinn.Pinn;
import descent.pinn.Problem;
import descent.pinn.Training;
import descent.pinn.zoo.Equation;
import descent.pinn.zoo.Zoo;
import descent.stde.Estimator;
import descent.tensor.Key;

/**
 * A plain-Java program training a physics-informed network on the 100-dimensional two-body
 * Allen-Cahn problem of the STDE paper, with the Laplacian estimated from 16 sampled coordinates per
 * point and the paper's initialization, for 300 of its 10,000 steps. Run with: ./descent run examples/AllenCahn.java
 */
public class AllenCahn {
    public static void main(String[] args) {
        Problem problem = Zoo.twoBody(Equation.ALLEN_CAHN, 100, Key.of(1));
        Pinn pinn = Pinn.builder(problem, Mlp.builder(100).hidden(128, 3).init(Init.HAIKU_UNIFORM).build())
                .estimator(Estimator.sparse(16)).points(100).metrics(300, 5000).build();
        Training t = pinn.train(pinn.init(Key.of(0)), Phase.adam(300, Schedule.linear(1e-3, 0, 300)));
        System.out.printf("%s: 300 steps in %.1f s, relative L2 error %.3e%n", problem.name(), t.nanos() / 1e9, t.lastRelativeL2());
        if (!(t.lastRelativeL2() < 3e-2)) {
            throw new AssertionError("relative L2 error " + t.lastRelativeL2());
        }
    }
}
