import descent.ad.AD;
import descent.ad.Func;
import descent.tensor.Value;
import descent.ad.Compiled;
import descent.tensor.Shape;
import descent.tensor.Tensor;

/**
 * A plain-Java program using Descent directly: fits y = a sin(b x) + c to noisy samples by gradient
 * descent with momentum on the mean squared error, using reverse-mode gradients from a compiled
 * plan. Run with: ./descent run examples/Minimize.java
 */
public class Minimize {
    public static void main(String[] args) {
        descent.tensor.Rng rng = new descent.tensor.Rng(0);
        Tensor x = Tensor.linspace(-3, 3, 200);
        Tensor y = x.mul(1.3).sin().mul(2.0).add(0.5).add(rng.normal(0, 0.05, 200));

        // params = (a, b, c); loss = mean((a sin(b x) + c - y)^2)
        Func loss = Func.of(p -> p.index(0, 0).mul(p.constant(x).mul(p.index(0, 1)).sin())
                .add(p.index(0, 2)).sub(y).square().mean());
        Compiled step = AD.valueAndGrad(loss).compile(Shape.of(3));

        double[] p = {1.0, 1.0, 0.0};
        double[] velocity = new double[3];
        double[][] out = {new double[1], new double[3]};
        for (int it = 0; it <= 1000; it++) {
            step.runInto(new Tensor[] {Tensor.wrap(p, 3)}, out);
            for (int i = 0; i < 3; i++) {
                velocity[i] = 0.9 * velocity[i] - 0.02 * out[1][i];
                p[i] += velocity[i];
            }
            if (it % 200 == 0) {
                System.out.printf("step %4d  loss %.6f  a=%.4f b=%.4f c=%.4f%n", it, out[0][0], p[0], p[1], p[2]);
            }
        }
        if (Math.abs(p[0] - 2.0) > 0.05 || Math.abs(p[1] - 1.3) > 0.05 || Math.abs(p[2] - 0.5) > 0.05) {
            throw new AssertionError("did not recover a=2, b=1.3, c=0.5: " + java.util.Arrays.toString(p));
        }
        System.out.println("recovered a = 2, b = 1.3, c = 0.5 within 0.05");
    }
}
