package descent.stde;

import descent.ad.Func;
import descent.tensor.Random;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import descent.tensor.Value;

/**
 * tr(A Hess u) for a symmetric positive semidefinite A = L L^T: exactly as sum_k l_k^T (Hess u) l_k
 * over the columns of L, or estimated with Gaussian directions v = L z of covariance A.
 */
final class SecondOrder extends DiffOp {
    private final Tensor a;
    private final Tensor factor;

    SecondOrder(Tensor a) {
        super("secondOrder");
        this.a = a;
        this.factor = cholesky(a);
    }

    /** L with A = L L^T, lower triangular; zero columns where A is singular. */
    static Tensor cholesky(Tensor a) {
        if (a.rank() != 2 || a.shape().dim(0) != a.shape().dim(1)) {
            throw new IllegalArgumentException("secondOrder: the coefficient matrix must be square, got shape " + a.shape());
        }
        int d = a.shape().dim(0);
        double[] m = a.toArray();
        double scale = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                if (Math.abs(m[i * d + j] - m[j * d + i]) > 1e-12 * (1 + Math.abs(m[i * d + j]))) {
                    throw new IllegalArgumentException("secondOrder: the coefficient matrix is not symmetric at (" + i + ", "
                            + j + "): " + m[i * d + j] + " vs " + m[j * d + i]);
                }
            }
            scale = Math.max(scale, Math.abs(m[i * d + i]));
        }
        double tol = 1e-12 * Math.max(scale, Double.MIN_NORMAL) * d;
        double[] l = new double[d * d];
        for (int j = 0; j < d; j++) {
            double s = m[j * d + j];
            for (int p = 0; p < j; p++) {
                s -= l[j * d + p] * l[j * d + p];
            }
            if (s < -tol) {
                throw new IllegalArgumentException("secondOrder: the coefficient matrix is not positive semidefinite "
                        + "(pivot " + s + " at " + j + ")");
            }
            if (s <= tol) {
                continue;
            }
            double pivot = Math.sqrt(s);
            l[j * d + j] = pivot;
            for (int i = j + 1; i < d; i++) {
                double t = m[i * d + j];
                for (int p = 0; p < j; p++) {
                    t -= l[i * d + p] * l[j * d + p];
                }
                l[i * d + j] = t / pivot;
            }
        }
        return Tensor.copyOf(l, d, d);
    }

    @Override
    void check(Method m) {
        if (m.kind != Method.Kind.EXACT && m.kind != Method.Kind.GAUSSIAN) {
            throw unsupported(m);
        }
    }

    @Override
    String supported() {
        return "exact or gaussian";
    }

    @Override
    Value evaluate(Func u, Value[] args, Value key, Method m) {
        Value x = args[0];
        int n = x.shape().dim(0);
        int d = x.shape().dim(1);
        if (d != factor.shape().dim(0)) {
            throw new IllegalArgumentException(name() + ": the coefficient matrix is " + factor.shape() + " but the points have d = " + d);
        }
        Value lt = x.constant(factor.transpose());
        if (m.kind == Method.Kind.EXACT) {
            Value v = lt.reshape(d, 1, d).broadcastTo(d, n, d);
            return Jets.probes(u, args, v, 2).sum(0);
        }
        Value z = Random.normal(key, Shape.of(m.samples, n, d));
        return Jets.probes(u, args, z.matmul(lt), 2).mean(0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecondOrder && ((SecondOrder) o).a.equals(a);
    }

    @Override
    public int hashCode() {
        return a.hashCode();
    }
}
