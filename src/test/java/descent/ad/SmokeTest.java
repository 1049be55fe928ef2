package descent.ad;

import descent.ad.core.Value;
import descent.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SmokeTest {
    @Test
    void basics() {
        Func f = Func.of(x -> x.sin().mul(x).sum());
        Tensor x = Tensor.of(1, 2, 3);
        System.out.println(f.call(x));
        Tensor g = AD.grad(f).call(x);
        System.out.println(g);
        for (int i = 0; i < 3; i++) {
            double xi = x.get(i);
            assertEquals(Math.cos(xi) * xi + Math.sin(xi), g.get(i), 1e-14);
        }
        System.out.println(AD.hessian(f).call(x));
        Jet j = AD.jet(Func.of(Value::exp), Tensor.scalar(0.5), Tensor.scalar(1), Tensor.scalar(0), Tensor.scalar(0));
        System.out.println(j.primal() + " " + java.util.Arrays.toString(j.derivatives()));
        Func gg = AD.grad(AD.grad(Func.of(v -> v.pow(4).sum())));
        System.out.println(gg.call(Tensor.scalar(2)));
        System.out.println(AD.grad(f).trace(descent.tensor.Shape.of(3)));
    }
}
