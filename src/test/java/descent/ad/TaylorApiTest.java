package descent.ad;

import descent.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TaylorApiTest {
    @Test
    void derivativesAlongADirectionInOnePass() {
        // f(x) = prod over e^{x_i}: along v, f(x + t v) = e^{sum x + t sum v}, so d^k/dt^k = (sum v)^k f
        Func f = Func.of(x -> x.sum().exp());
        Tensor x = Tensor.of(0.1, -0.3);
        Tensor v = Tensor.of(0.5, 1.5);
        Jet j = AD.derivatives(f, x, v, 5);
        double f0 = Math.exp(-0.2);
        assertEquals(f0, j.derivative(0).item(), 1e-15);
        for (int k = 1; k <= 5; k++) {
            assertEquals(Math.pow(2, k) * f0, j.derivative(k).item(), 1e-13 * Math.pow(2, k));
        }
        assertEquals(5, j.order());
        assertThrows(IndexOutOfBoundsException.class, () -> j.derivative(6));
    }

    @Test
    void jetsOfFunctionsOfSeveralArguments() {
        // f(a, b) = a * b and g = a + b along a(t) = a + t, b(t) = b + 2t: (ab)'' = 2 * 1 * 2 = 4
        Func f = Func.of(2, xs -> new descent.tensor.Value[] {xs[0].mul(xs[1]).sum(), xs[0].add(xs[1]).sum()});
        Jet[] jets = AD.jet(f, new Tensor[] {Tensor.scalar(3), Tensor.scalar(5)},
                new Tensor[][] {{Tensor.scalar(1), Tensor.scalar(0)}, {Tensor.scalar(2), Tensor.scalar(0)}});
        assertEquals(2, jets.length);
        assertEquals(15, jets[0].derivative(0).item(), 0);
        assertEquals(1 * 5 + 3 * 2, jets[0].derivative(1).item(), 0);
        assertEquals(4, jets[0].derivative(2).item(), 0);
        assertEquals(3, jets[1].derivative(1).item(), 0);
        assertEquals(0, jets[1].derivative(2).item(), 0);
        assertThrows(IllegalArgumentException.class, () -> AD.jet(f, new Tensor[] {Tensor.scalar(3)}, new Tensor[][] {{}}));
    }
}
