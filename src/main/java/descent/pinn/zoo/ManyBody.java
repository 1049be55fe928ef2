package descent.pinn.zoo;

import descent.tensor.Ops;

/**
 * The STDE paper's exact solutions on the unit ball of R^d and their Laplacians in closed form,
 * written once for tensors and traced values:
 * two-body u = (1 - |x|^2) sum_{i<d} c_i sin(x_i + cos(x_{i+1}) + x_{i+1} cos(x_i)) and
 * three-body u = (1 - |x|^2) sum_{i<d-1} c_i exp(x_i x_{i+1} x_{i+2}), points [N, d] to [N].
 */
public final class ManyBody {
    private ManyBody() {
    }

    /** The two-body solution with coefficients c [d - 1]. */
    public static <T extends Ops<T>> T twoBody(T x, T c) {
        int d = x.shape().dim(1);
        T a = x.slice(1, 0, d - 1);
        T b = x.slice(1, 1, d);
        return x.square().sum(1).rsub(1).mul(a.add(b.cos()).add(b.mul(a.cos())).sin().mul(c).sum(1));
    }

    /**
     * Its Laplacian: with phi_i the sine's argument, a_i = d phi_i/dx_i = 1 - x_{i+1} sin x_i,
     * b_i = d phi_i/dx_{i+1} = cos x_i - sin x_{i+1}, A_i + B_i = -x_{i+1} cos x_i - cos x_{i+1}
     * (the second derivatives), s = sum c_i sin phi_i and q = 1 - |x|^2:
     * -2 d s - 4 sum c_i cos(phi_i)(a_i x_i + b_i x_{i+1}) + q sum c_i (-sin(phi_i)(a_i^2 + b_i^2) + cos(phi_i)(A_i + B_i)).
     */
    public static <T extends Ops<T>> T twoBodyLaplacian(T x, T c) {
        int d = x.shape().dim(1);
        T xi = x.slice(1, 0, d - 1);
        T xj = x.slice(1, 1, d);
        T phi = xi.add(xj.cos()).add(xj.mul(xi.cos()));
        T a = xi.sin().mul(xj).rsub(1);
        T b = xi.cos().sub(xj.sin());
        T second = xj.mul(xi.cos()).neg().sub(xj.cos());
        T s = phi.sin().mul(c).sum(1);
        T q = x.square().sum(1).rsub(1);
        T cross = phi.cos().mul(c).mul(a.mul(xi).add(b.mul(xj))).sum(1);
        T lap = phi.sin().neg().mul(a.square().add(b.square())).add(phi.cos().mul(second)).mul(c).sum(1);
        return s.mul(-2.0 * d).sub(cross.mul(4)).add(q.mul(lap));
    }

    /** The three-body solution with coefficients c [d - 2]. */
    public static <T extends Ops<T>> T threeBody(T x, T c) {
        int d = x.shape().dim(1);
        T p = x.slice(1, 0, d - 2).mul(x.slice(1, 1, d - 1)).mul(x.slice(1, 2, d));
        return x.square().sum(1).rsub(1).mul(p.exp().mul(c).sum(1));
    }

    /**
     * Its Laplacian: with p_i = x_i x_{i+1} x_{i+2}, e_i = c_i exp(p_i), s = sum e_i:
     * -2 d s - 12 sum e_i p_i + q sum e_i ((x_{i+1} x_{i+2})^2 + (x_i x_{i+2})^2 + (x_i x_{i+1})^2).
     */
    public static <T extends Ops<T>> T threeBodyLaplacian(T x, T c) {
        int d = x.shape().dim(1);
        T x0 = x.slice(1, 0, d - 2);
        T x1 = x.slice(1, 1, d - 1);
        T x2 = x.slice(1, 2, d);
        T p = x0.mul(x1).mul(x2);
        T e = p.exp().mul(c);
        T q = x.square().sum(1).rsub(1);
        T grads = x1.mul(x2).square().add(x0.mul(x2).square()).add(x0.mul(x1).square());
        return e.sum(1).mul(-2.0 * d).sub(e.mul(p).sum(1).mul(12)).add(q.mul(e.mul(grads).sum(1)));
    }
}
