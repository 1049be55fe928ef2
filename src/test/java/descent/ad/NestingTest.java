package descent.ad;

import descent.Testing;
import descent.tensor.Value;
import descent.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Transforms compose: grad(grad), jvp(grad), jet(grad), grad(jet), and functions closing over traced values. */
class NestingTest {
    @Test
    void gradOfGradOfPolynomial() {
        Func f = Func.of(x -> x.pow(5).sum());
        Func d2 = AD.grad(AD.grad(Func.of(x -> AD.grad(f).apply(x).sum())));
        // d/dx 5x^4 = 20x^3, then d/dx of sum(20x^3) = 60x^2
        assertEquals(60 * 1.5 * 1.5, d2.call(Tensor.scalar(1.5)).item(), 1e-12);
    }

    @Test
    void forwardOverReverseEqualsHessianTimesVector() {
        Func f = Func.of(x -> x.sin().mul(x.cos().sum()).sum());
        Tensor x = Tensor.of(0.3, -0.8, 1.1);
        Tensor v = Tensor.of(1.0, 2.0, -0.5);
        Tensor viaJvp = AD.jvp(AD.grad(f)).callAll(x, v)[1];
        Tensor viaHessian = AD.hessian(f).call(x).matmul(v);
        Testing.assertClose(viaJvp, viaHessian, 1e-14, "jvp(grad) vs hessian @ v");
        Tensor reverseOverForward = AD.grad(Func.of(y -> AD.jvp(f).applyAll(y, y.constant(v))[1])).call(x);
        Testing.assertClose(reverseOverForward, viaHessian, 1e-14, "grad(jvp) vs hessian @ v");
    }

    @Test
    void noPerturbationConfusion() {
        // d/dx [ x * d/dy (x + y) ] = d/dx [ x ] = 1; confusing the two perturbations gives 2.
        Func inner = Func.of(x -> {
            Func g = Func.of(y -> x.add(y));
            return x.mul(AD.grad(g).apply(x.constant(1)));
        });
        assertEquals(1.0, AD.grad(inner).call(Tensor.scalar(2)).item(), 0);
    }

    @Test
    void innerGradientOfAnOuterValue() {
        // g(x) = d/dy [x y^2] at y = x is 2x^2; d/dx g = 4x.
        Func g = Func.of(x -> AD.grad(Func.of(y -> x.mul(y.square()))).apply(x));
        assertEquals(4 * 0.7, AD.grad(g).call(Tensor.scalar(0.7)).item(), 1e-14);
    }

    @Test
    void jetOfGradient() {
        // f = sum(exp(x) sin(x)); the jet of grad f along v gives derivatives of f' along the line.
        Func f = Func.of(x -> x.exp().mul(x.sin()).sum());
        Tensor x = Tensor.of(0.2, 0.5);
        Tensor v = Tensor.of(1.0, -2.0);
        Tensor[] jet = AD.jet(AD.grad(f), 3).callAll(x, v, Tensor.zeros(2), Tensor.zeros(2));
        for (int i = 0; i < 2; i++) {
            double xi = x.get(i);
            double vi = v.get(i);
            // f'(x) = e^x (sin x + cos x) = sqrt2 e^x sin(x + pi/4); k-th derivative along v: v^k (sqrt2)^(k+1) e^x sin(x + (k+1) pi/4)
            for (int k = 0; k <= 3; k++) {
                double expected = Math.pow(vi, k) * Math.pow(Math.sqrt(2), k + 1) * Math.exp(xi) * Math.sin(xi + (k + 1) * Math.PI / 4);
                assertEquals(expected, jet[k].get(i), 1e-12 * Math.max(1, Math.abs(expected)), "order " + k + " entry " + i);
            }
        }
    }

    @Test
    void gradientOfAJetCoefficientIsALaplacianGradient() {
        // u = sum x_i^4: Laplacian = 12 sum x_i^2, its gradient 24 x.
        Func u = Func.of(x -> x.pow(4).sum());
        Func jet = AD.jet(u, 2);
        Func laplacian = Func.of(x -> {
            Value total = x.constant(0);
            for (int j = 0; j < 3; j++) {
                double[] e = new double[3];
                e[j] = 1;
                total = total.add(jet.applyAll(x, x.constant(Tensor.of(e)), x.zerosOf(x.shape()))[2]);
            }
            return total;
        });
        Tensor x = Tensor.of(0.5, -1.0, 2.0);
        assertEquals(12 * (0.25 + 1 + 4), laplacian.call(x).item(), 1e-12);
        Testing.assertClose(AD.grad(laplacian).call(x), x.mul(24), 1e-14, "grad of Laplacian");
    }

    @Test
    void jetAlongOneArgumentHoldsTheOthersFixed() {
        // f(w, x) = sum(w x^3): along x with direction v, the third derivative is 6 sum(w v^3).
        Func f = Func.of((w, x) -> w.mul(x.pow(3)).sum());
        Tensor w = Tensor.of(2.0, -1.0);
        Tensor x = Tensor.of(0.5, 1.5);
        Tensor v = Tensor.of(1.0, 2.0);
        Tensor z = Tensor.zeros(2);
        Tensor[] j = AD.jet(f, 3, 1).callAll(w, x, v, z, z);
        assertEquals(6 * (2.0 * 1 - 1.0 * 8), j[3].item(), 1e-12);
        assertEquals(3 * (2.0 * 0.25 * 1 - 1.0 * 2.25 * 2), j[1].item(), 1e-12);
        // and gradients with respect to the fixed argument flow through the jet
        Func third = Func.of((ww, xx) -> AD.jet(f, 3, 1).applyAll(ww, xx, xx.constant(v), xx.zerosOf(xx.shape()),
                xx.zerosOf(xx.shape()))[3]);
        Testing.assertClose(AD.grad(third, 0).call(w, x), v.pow(3).mul(6), 1e-14, "d/dw of the third derivative");
    }

    @Test
    void thirdOrderNesting() {
        Func f = Func.of(x -> x.tanh().sum());
        Func d3 = AD.grad(Func.of(x -> AD.grad(Func.of(y -> AD.grad(f).apply(y).sum())).apply(x).sum()));
        double x = 0.3;
        double t = Math.tanh(x);
        // tanh''' = -2 (1 - t^2)(1 - 3 t^2)
        assertEquals(-2 * (1 - t * t) * (1 - 3 * t * t), d3.call(Tensor.scalar(x)).item(), 1e-13);
    }
}
