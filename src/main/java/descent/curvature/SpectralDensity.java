package descent.curvature;

import descent.tensor.Rng;

import java.util.function.DoubleUnaryOperator;

/**
 * The spectral density of a symmetric {@link Operator} by stochastic Lanczos quadrature (Lin,
 * Saad and Yang 2016; Ghorbani, Krishnan and Xiao 2019 for neural-network Hessians): for each of
 * several random unit probes {@code v}, {@code m} Lanczos steps give a tridiagonal {@code T}
 * whose eigenvalues {@code theta_j} (nodes) and squared first eigenvector elements
 * {@code tau_j^2} (weights) form a Gauss quadrature for {@code v'f(A)v}. Averaged over probes,
 * the nodes and weights (summing to 1) approximate the eigenvalue distribution
 * {@code (1/n) sum_i delta(lambda - lambda_i)}: {@link #expectation} estimates
 * {@code tr f(A) / n}, {@link #density} the Gaussian-smoothed density.
 */
public final class SpectralDensity {
    private final double[] nodes;
    private final double[] weights;

    private SpectralDensity(double[] nodes, double[] weights) {
        this.nodes = nodes;
        this.weights = weights;
    }

    /**
     * The quadrature of {@code probes} Rademacher probes of {@code steps} Lanczos steps each
     * (with full reorthogonalization).
     *
     * @throws IllegalArgumentException unless {@code steps >= 1} and {@code probes >= 1}
     */
    public static SpectralDensity estimate(Operator a, int steps, int probes, Rng rng) {
        if (steps < 1 || probes < 1 || rng == null) {
            throw new IllegalArgumentException("SpectralDensity.estimate: needs steps >= 1, probes >= 1 and a seeded Rng, got " + steps
                    + ", " + probes);
        }
        int n = a.dimension();
        int m = Math.min(steps, n);
        double[] nodes = new double[m * probes];
        double[] weights = new double[m * probes];
        double[] z = new double[n];
        int count = 0;
        for (int p = 0; p < probes; p++) {
            Hutchinson.draw(z, Hutchinson.Probe.RADEMACHER, rng);
            Tridiagonal t = Tridiagonal.lanczos(a, z, m, true);
            SymmetricEigen e = SymmetricEigen.of(t.matrix());
            for (int j = 0; j < t.size(); j++) {
                double tau = e.vectors[0][j];
                nodes[count] = e.values[j];
                weights[count] = tau * tau / probes;
                count++;
            }
        }
        return new SpectralDensity(java.util.Arrays.copyOf(nodes, count), java.util.Arrays.copyOf(weights, count));
    }

    /** The quadrature nodes (Ritz values of every probe). */
    public double[] nodes() {
        return nodes.clone();
    }

    /** The quadrature weights, summing to 1. */
    public double[] weights() {
        return weights.clone();
    }

    /** {@code sum_j w_j f(theta_j)}, an estimate of {@code tr f(A) / n}. */
    public double expectation(DoubleUnaryOperator f) {
        double s = 0;
        for (int j = 0; j < nodes.length; j++) {
            s += weights[j] * f.applyAsDouble(nodes[j]);
        }
        return s;
    }

    /** The density smoothed by a Gaussian of width {@code sigma}, at each point of {@code grid}. */
    public double[] density(double[] grid, double sigma) {
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("SpectralDensity.density: sigma must be > 0, got " + sigma);
        }
        double[] out = new double[grid.length];
        double c = 1 / (sigma * Math.sqrt(2 * Math.PI));
        for (int g = 0; g < grid.length; g++) {
            double s = 0;
            for (int j = 0; j < nodes.length; j++) {
                double d = (grid[g] - nodes[j]) / sigma;
                s += weights[j] * Math.exp(-0.5 * d * d);
            }
            out[g] = c * s;
        }
        return out;
    }
}
