package descent.pinn.zoo;

import descent.pinn.Domain;
import descent.pinn.Problem;
import descent.pinn.SpaceTime;
import descent.tensor.Key;
import descent.tensor.Params;
import descent.tensor.Random;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import descent.tensor.Value;

/**
 * PDE problems with exact or reference solutions, for testing and comparing training setups. Each
 * source term is derived by hand (never from the operators being tested), so that
 * {@link Problem#exactResiduals} checks the source, the solution and the operators together.
 */
public final class Zoo {
    private Zoo() {
    }

    private static Value rows(Value v) {
        return v.reshape(v.shape().dim(0));
    }

    private static Value column(Value x, int i) {
        return rows(x.slice(1, i, i + 1));
    }

    /**
     * The STDE paper's two-body problem on the unit ball of R^d: Laplacian of u + f(u) = g with zero
     * boundary values imposed by the ansatz u = (1 - |x|^2) N(x), coefficients c ~ N(0, 1) from
     * {@code key}. Training and test points are drawn at a uniform radius in a uniform direction, as
     * in the paper ({@link descent.pinn.Ball#radiallyUniform()}).
     *
     * <p>In high dimension the coordinates of a point are of order 1/sqrt(d), so u is nearly
     * (1 - |x|^2) sin(1) sum_i c_i (at d = 1000 with the coefficients of {@code Key.of(1)}, all but
     * 1.8% of its norm on test points): at a given absolute error, relative errors scale as
     * 1/|sum_i c_i|, which differs between coefficient draws.
     */
    public static Problem twoBody(Equation eq, int d, Key key) {
        if (d < 2) {
            throw new IllegalArgumentException("twoBody: needs d >= 2, got " + d);
        }
        Tensor c = Random.normal(key, Shape.of(d - 1));
        return Problem.builder("two-body " + eq.name().toLowerCase(java.util.Locale.ROOT) + " d = " + d, Domain.unitBall(d).radiallyUniform())
                .pde(x -> {
                    Value cv = x.constant(c);
                    return ManyBody.twoBodyLaplacian(x, cv).add(eq.nonlinearity(ManyBody.twoBody(x, cv)));
                }, (u, x, g) -> u.laplacian().add(eq.nonlinearity(u.value())).sub(g))
                .hardConstraint(x -> rows(x.slice(1, 0, 1)).mul(0))
                .exact(x -> ManyBody.twoBody(x, x.constant(c)))
                .build();
    }

    /** The STDE paper's three-body problem on the unit ball of R^d, sampled as {@link #twoBody} is. */
    public static Problem threeBody(Equation eq, int d, Key key) {
        if (d < 3) {
            throw new IllegalArgumentException("threeBody: needs d >= 3, got " + d);
        }
        Tensor c = Random.normal(key, Shape.of(d - 2));
        return Problem.builder("three-body " + eq.name().toLowerCase(java.util.Locale.ROOT) + " d = " + d, Domain.unitBall(d).radiallyUniform())
                .pde(x -> {
                    Value cv = x.constant(c);
                    return ManyBody.threeBodyLaplacian(x, cv).add(eq.nonlinearity(ManyBody.threeBody(x, cv)));
                }, (u, x, g) -> u.laplacian().add(eq.nonlinearity(u.value())).sub(g))
                .hardConstraint(x -> rows(x.slice(1, 0, 1)).mul(0))
                .exact(x -> ManyBody.threeBody(x, x.constant(c)))
                .build();
    }

    /**
     * The biharmonic equation on the unit ball of R^d with u = sum_i sin(x_i): the biharmonic of u
     * is sum_i sin(x_i) (fourth derivatives of sine, no cross terms); Navier conditions fix u and
     * its Laplacian (-sum_i sin(x_i)) on the sphere.
     */
    public static Problem biharmonic(int d) {
        return Problem.builder("biharmonic d = " + d, Domain.unitBall(d))
                .pde((u, x) -> u.apply(descent.stde.DiffOp.biharmonic()).sub(x.sin().sum(1)))
                .boundary((u, x) -> u.value().sub(x.sin().sum(1)))
                .term("boundaryLaplacian", (u, x) -> u.laplacian().add(x.sin().sum(1)), Problem.Points.BOUNDARY, 1)
                .exact(x -> x.sin().sum(1))
                .build();
    }

    /** -u'' = pi^2 sin(pi x) on [-1, 1], u(+-1) = 0: u = sin(pi x) (DeepXDE's first example). */
    public static Problem poisson1d() {
        double pi2 = Math.PI * Math.PI;
        return Problem.builder("Poisson 1-D", Domain.interval(-1, 1))
                .pde((u, x) -> u.partial(0, 0).neg().sub(rows(x.mul(Math.PI).sin()).mul(pi2)))
                .boundary((u, x) -> u.value())
                .exact(x -> rows(x.mul(Math.PI).sin()))
                .build();
    }

    /** -Laplacian u = 2 pi^2 sin(pi x) sin(pi y) on [-1, 1]^2 with zero boundary values: u = sin(pi x) sin(pi y). */
    public static Problem poisson2d() {
        return Problem.builder("Poisson 2-D", Domain.box(new double[] {-1, -1}, new double[] {1, 1}))
                .pde((u, x) -> u.laplacian().neg().sub(sines(x).mul(2 * Math.PI * Math.PI)))
                .boundary((u, x) -> u.value())
                .exact(Zoo::sines)
                .build();
    }

    private static Value sines(Value x) {
        return column(x, 0).mul(Math.PI).sin().mul(column(x, 1).mul(Math.PI).sin());
    }

    /** u_t = alpha u_xx on [0, 1] x [0, 1], u(x, 0) = sin(pi x), u(0, t) = u(1, t) = 0: u = exp(-alpha pi^2 t) sin(pi x). */
    public static Problem heat1d(double alpha) {
        return Problem.builder("heat 1-D", Domain.spaceTime(Domain.interval(0, 1), 0, 1))
                .pde((u, x) -> u.dt().sub(u.partial(0, 0).mul(alpha)))
                .boundary((u, x) -> u.value())
                .initial((u, x) -> u.value().sub(column(x, 0).mul(Math.PI).sin()))
                .exact(x -> heat(x, alpha))
                .build();
    }

    private static Value heat(Value x, double alpha) {
        return column(x, 1).mul(-alpha * Math.PI * Math.PI).exp().mul(column(x, 0).mul(Math.PI).sin());
    }

    /** The inverse problem of {@link #heat1d}: recover alpha (true value {@code alpha}) from 200 observed values, starting at 1. */
    public static Problem inverseHeat(double alpha) {
        SpaceTime domain = Domain.spaceTime(Domain.interval(0, 1), 0, 1);
        Tensor points = domain.sample(Key.of(12345), 200);
        Tensor values = descent.ad.Func.of(x -> heat(x, alpha)).call(points);
        return Problem.builder("inverse heat 1-D", domain)
                .pde((u, x) -> u.dt().sub(u.partial(0, 0).mul(u.coefficient("alpha"))))
                .boundary((u, x) -> u.value())
                .initial((u, x) -> u.value().sub(column(x, 0).mul(Math.PI).sin()))
                .observations(points, values, 1)
                .coefficients(Params.of("alpha", Tensor.scalar(1)))
                .exact(x -> heat(x, alpha))
                .build();
    }

    /**
     * Burgers' equation u_t + u u_x = nu u_xx on [-1, 1] x [0, 1], nu = 0.01/pi, u(x, 0) = -sin(pi x),
     * u(+-1, t) = 0, with the Hopf-Cole reference solution. A shock forms at x = 0 by t = 0.3: on a
     * fixed set of random points, L-BFGS fits the residual at the points while the network misses
     * the shock between them (the loss falls a hundredfold as the error rises); DeepXDE's training
     * points, {@code p.sampledFrom(((SpaceTime) p.domain()).hammersley())}, leave no such gaps.
     */
    public static Problem burgers1d() {
        return burgers1d(false);
    }

    /**
     * {@link #burgers1d()}, with the initial and boundary conditions either as loss terms or, when
     * {@code hardConstraint}, by construction: u = -sin(pi x) + f(x, t) N(x, t), where f vanishes at
     * t = 0 and x = +-1 (and -sin(pi x) satisfies both conditions), leaving only the PDE residual.
     */
    public static Problem burgers1d(boolean hardConstraint) {
        double nu = 0.01 / Math.PI;
        BurgersReference ref = new BurgersReference(nu, 4001);
        Problem.Builder b = Problem.builder("Burgers 1-D", Domain.spaceTime(Domain.interval(-1, 1), 0, 1))
                .pde((u, x) -> u.dt().add(u.value().mul(u.partial(0))).sub(u.partial(0, 0).mul(nu)))
                .reference(p -> Tensor.copyOf(ref.values(p.toArray()), p.shape().dim(0)));
        if (hardConstraint) {
            return b.hardConstraint(x -> column(x, 0).mul(Math.PI).sin().neg()).build();
        }
        return b.boundary((u, x) -> u.value())
                .initial((u, x) -> u.value().add(column(x, 0).mul(Math.PI).sin()))
                .build();
    }

    /**
     * Helmholtz: -Laplacian u - k^2 u = k^2 sin(k x) sin(k y) on [0, 1]^2 with k = 2 pi n and zero
     * boundary values: u = sin(k x) sin(k y).
     */
    public static Problem helmholtz2d(int n) {
        double k = 2 * Math.PI * n;
        return Problem.builder("Helmholtz 2-D", Domain.box(new double[] {0, 0}, new double[] {1, 1}))
                .pde((u, x) -> u.laplacian().neg().sub(u.value().mul(k * k)).sub(waves(x, k).mul(k * k)))
                .boundary((u, x) -> u.value())
                .exact(x -> waves(x, k))
                .build();
    }

    private static Value waves(Value x, double k) {
        return column(x, 0).mul(k).sin().mul(column(x, 1).mul(k).sin());
    }

    /**
     * An Allen-Cahn (Nagumo) equation in time, u_t = D u_xx + u (1 - u)(u - a) on [-1, 1] x [0, 1]
     * with D = 0.01, a = 0.25, and its travelling front u = sigmoid(kappa (x - c t)),
     * kappa = 1/sqrt(2 D), c = (a - 1/2) sqrt(2 D); initial and boundary values from it.
     */
    public static Problem allenCahn1d() {
        double diffusion = 0.01;
        double a = 0.25;
        double kappa = 1 / Math.sqrt(2 * diffusion);
        double c = (a - 0.5) * Math.sqrt(2 * diffusion);
        descent.pinn.Solution front = x -> column(x, 0).sub(column(x, 1).mul(c)).mul(kappa).sigmoid();
        return Problem.builder("Allen-Cahn 1-D", Domain.spaceTime(Domain.interval(-1, 1), 0, 1))
                .pde((u, x) -> {
                    Value v = u.value();
                    return u.dt().sub(u.partial(0, 0).mul(diffusion)).sub(v.mul(v.rsub(1)).mul(v.sub(a)));
                })
                .boundary((u, x) -> u.value().sub(front.apply(x)))
                .initial((u, x) -> u.value().sub(front.apply(x)))
                .exact(front)
                .build();
    }

    /**
     * Korteweg-de Vries u_t + 6 u u_x + u_xxx = 0 on [-5, 5] x [0, 1] (a third-order operator, from
     * one jet), with the soliton u = (c/2) sech^2(sqrt(c)/2 (x - c t)), c = 1.
     */
    public static Problem kdv() {
        double speed = 1;
        descent.pinn.Solution soliton = x -> {
            Value z = column(x, 0).sub(column(x, 1).mul(speed)).mul(Math.sqrt(speed) / 2);
            return z.cosh().square().rdiv(speed / 2);
        };
        return Problem.builder("KdV", Domain.spaceTime(Domain.interval(-5, 5), 0, 1))
                .pde((u, x) -> u.dt().add(u.value().mul(u.partial(0)).mul(6)).add(u.partial(0, 0, 0)))
                .boundary((u, x) -> u.value().sub(soliton.apply(x)))
                .initial((u, x) -> u.value().sub(soliton.apply(x)))
                .exact(soliton)
                .build();
    }
}
