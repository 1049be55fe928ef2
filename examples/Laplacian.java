import descent.ad.Func;
import descent.stde.DiffOp;
import descent.stde.Estimator;
import descent.tensor.Key;
import descent.tensor.Random;
import descent.tensor.Shape;
import descent.tensor.Tensor;

/**
 * A plain-Java program estimating a Laplacian in 1000 dimensions by sparse STDE (16 coordinates per
 * estimate) and comparing the mean of many estimates with the exact value.
 * Run with: ./descent run examples/Laplacian.java
 */
public class Laplacian {
    public static void main(String[] args) {
        int d = 1000;
        Tensor c = Random.normal(Key.of(5), Shape.of(d), 0.0, 1.0);
        Tensor x = Random.uniform(Key.of(6), Shape.of(4, d), -2.0, 2.0);
        Func u = Func.of(p -> p.sin().mul(c).sum(1));            // sum_i c_i sin(x_i): its Laplacian is -u
        Tensor exact = u.call(x).neg();
        Func estimate = DiffOp.laplacian().on(u, Estimator.sparse(16));
        int draws = 400;
        Tensor sum = Tensor.zeros(4);
        Tensor sumSquares = Tensor.zeros(4);
        for (int k = 0; k < draws; k++) {
            Tensor e = estimate.call(x, Key.of(k).toTensor());
            sum = sum.add(e);
            sumSquares = sumSquares.add(e.square());
        }
        Tensor mean = sum.div(draws);
        Tensor standardError = sumSquares.div(draws).sub(mean.square()).mul(draws / (draws - 1.0)).div(draws).sqrt();
        double worst = mean.sub(exact).abs().div(standardError).max().item();
        System.out.println("exact:           " + exact);
        System.out.println("mean of " + draws + " draws: " + mean);
        System.out.printf("largest deviation: %.2f standard errors%n", worst);
        if (worst > 4) {
            throw new AssertionError("biased estimate: " + worst + " standard errors");
        }
    }
}
