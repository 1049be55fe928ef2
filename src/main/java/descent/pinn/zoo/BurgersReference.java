package descent.pinn.zoo;

/**
 * The exact solution of the viscous Burgers equation u_t + u u_x = nu u_xx on x in [-1, 1] with
 * u(x, 0) = -sin(pi x) and u(+-1, t) = 0, by the Hopf-Cole transformation. With
 * phi(y) = exp(-cos(pi y) / (2 pi nu)) and the heat kernel,
 * u(x, t) = -int sin(pi (x - eta)) phi(x - eta) e^{-eta^2 / (4 nu t)} d eta
 *          / int phi(x - eta) e^{-eta^2 / (4 nu t)} d eta,
 * evaluated with eta = sqrt(4 nu t) z by the trapezoidal rule on z in [-L, L], which converges
 * geometrically for this smooth, rapidly decaying integrand; the exponents are shifted by their
 * maximum so that nothing overflows at small nu.
 */
public final class BurgersReference {
    /** exp(-z^2) times at most exp(1 / (2 pi nu)) is negligible beyond this for nu down to 0.01/pi. */
    private static final double HALF_WIDTH = 15;

    private final double nu;
    private final int nodes;

    /** The reference for viscosity {@code nu} (0.01/pi in the classic problem) with {@code nodes} quadrature nodes. */
    public BurgersReference(double nu, int nodes) {
        if (!(nu > 0)) {
            throw new IllegalArgumentException("Burgers: the viscosity must be positive, got " + nu);
        }
        if (nodes < 16) {
            throw new IllegalArgumentException("Burgers: use at least 16 quadrature nodes, got " + nodes);
        }
        this.nu = nu;
        this.nodes = nodes;
    }

    /** u(x, t). */
    public double value(double x, double t) {
        if (t <= 0) {
            return -Math.sin(Math.PI * x);
        }
        double scale = Math.sqrt(4 * nu * t);
        double h = 2 * HALF_WIDTH / (nodes - 1);
        double[] exponent = new double[nodes];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < nodes; i++) {
            double z = -HALF_WIDTH + i * h;
            double y = x - scale * z;
            exponent[i] = -Math.cos(Math.PI * y) / (2 * Math.PI * nu) - z * z;
            max = Math.max(max, exponent[i]);
        }
        double num = 0;
        double den = 0;
        for (int i = 0; i < nodes; i++) {
            double z = -HALF_WIDTH + i * h;
            double w = Math.exp(exponent[i] - max) * (i == 0 || i == nodes - 1 ? 0.5 : 1);
            num += Math.sin(Math.PI * (x - scale * z)) * w;
            den += w;
        }
        return -num / den;
    }

    /** u at each (x, t) row of {@code points} [N, 2]. */
    public double[] values(double[] points) {
        double[] u = new double[points.length / 2];
        for (int i = 0; i < u.length; i++) {
            u[i] = value(points[2 * i], points[2 * i + 1]);
        }
        return u;
    }
}
