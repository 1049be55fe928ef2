package descent;

import descent.tensor.Shape;
import descent.tensor.Tensor;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.fail;

/** Helpers shared by the AD tests. */
public final class Testing {
    private Testing() {
    }

    public static Tensor uniform(Random r, Shape s, double lo, double hi) {
        double[] d = new double[s.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = lo + (hi - lo) * r.nextDouble();
        }
        return Tensor.wrap(d, s);
    }

    /** Asserts equal shapes and |a - b| &lt;= tol * max(1, max|b|) elementwise. */
    public static void assertClose(Tensor a, Tensor b, double tol, String what) {
        if (!a.shape().equals(b.shape())) {
            fail(what + ": shapes differ, " + a.shape() + " vs " + b.shape());
        }
        double[] x = a.toArray();
        double[] y = b.toArray();
        double scale = 1;
        for (double v : y) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < x.length; i++) {
            if (!(Math.abs(x[i] - y[i]) <= tol * scale)) {
                fail(what + ": entry " + i + " is " + x[i] + ", expected " + y[i] + " (tolerance " + tol + " x " + scale + ")\n"
                        + a + "\nvs\n" + b);
            }
        }
    }
}
