package descent.stde;

import descent.ad.AD;
import descent.ad.Check;
import descent.ad.Func;
import descent.tensor.Key;
import descent.tensor.Random;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import descent.tensor.Value;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Randomized estimators are unbiased, with the variance their sampling predicts. */
class EstimatorsTest {
    private static final int D = 24;
    private static final Func U = OperatorsTest.mlp();
    private static final Tensor[] P = OperatorsTest.mlpParams(D, 8, 31);
    private static final Tensor X = Random.uniform(Key.of(32), Shape.of(3, D), -0.6, 0.6);

    /** {@code draws} estimates (one per key) of an operator at X: [draws, N]. */
    private static Tensor draws(DiffOp op, Method m, Func u, Tensor[] args, int draws) {
        Func f = op.on(u, m);
        int[] axes = new int[f.arity()];
        Arrays.fill(axes, AD.NOT_BATCHED);
        axes[axes.length - 1] = 0;
        Tensor[] in = Arrays.copyOf(args, args.length + 1);
        in[args.length] = Random.split(Key.of(draws * 7L + m.hashCode()).toTensor(), draws);
        return AD.vmap(f, axes, null).call(in);
    }

    /** Asserts the mean of the draws is within 4 standard errors of the exact value, at every point. */
    private static void assertUnbiased(Tensor samples, Tensor exact, String what) {
        int m = samples.shape().dim(0);
        Tensor mean = samples.mean(0);
        Tensor se = samples.sub(mean).square().sum(0).div(m - 1.0).div(m).sqrt();
        for (int n = 0; n < exact.size(); n++) {
            double z = Math.abs(mean.get(n) - exact.get(n)) / se.get(n);
            assertTrue(z < 4, what + " at point " + n + ": mean " + mean.get(n) + ", exact " + exact.get(n) + ", " + z + " SE");
            assertTrue(se.get(n) > 0, what + " has no variance: the draws do not change");
        }
    }

    private static Tensor[] args() {
        return OperatorsTest.prepend(X, P);
    }

    @Test
    void laplacianEstimatorsAreUnbiased() {
        Tensor exact = DiffOp.laplacian().exact(U).call(args());
        assertUnbiased(draws(DiffOp.laplacian(), Method.sparse(4), U, args(), 40000), exact, "sparse STDE");
        assertUnbiased(draws(DiffOp.laplacian(), Method.rademacher(2), U, args(), 20000), exact, "Rademacher");
        assertUnbiased(draws(DiffOp.laplacian(), Method.gaussian(2), U, args(), 20000), exact, "Gaussian");
    }

    @Test
    void fourthOrderDiagonalAndBiharmonicEstimatorsAreUnbiased() {
        Tensor diag4 = DiffOp.diagonal(4).exact(U).call(args());
        assertUnbiased(draws(DiffOp.diagonal(4), Method.sparse(3), U, args(), 20000), diag4, "sparse 4th-order diagonal");
        int d = 4;
        Tensor[] small = OperatorsTest.prepend(Random.uniform(Key.of(40), Shape.of(2, d), -0.5, 0.5),
                OperatorsTest.mlpParams(d, 5, 41));
        Tensor bih = DiffOp.biharmonic().exact(U).call(small);
        assertUnbiased(draws(DiffOp.biharmonic(), Method.gaussian(4), U, small, 20000), bih, "Gaussian biharmonic");
    }

    @Test
    void sparseVarianceFollowsSamplingWithoutReplacement() {
        // per-coordinate terms at point 0, then the exact variance of d/|J| times a sum of |J| of them drawn
        // without replacement: d^2 S^2 (1 - |J|/d) / |J|, S^2 their variance with divisor d - 1
        Tensor terms = DiffOp.hessianDiagonal().exact(U).call(args()).index(0, 0);
        double mean = terms.mean().item();
        double s2 = terms.sub(mean).square().sum().item() / (D - 1);
        double[] predicted = new double[2];
        double[] measured = new double[2];
        int[] sizes = {2, 8};
        for (int i = 0; i < 2; i++) {
            int j = sizes[i];
            predicted[i] = (double) D * D * s2 * (1 - (double) j / D) / j;
            Tensor est = draws(DiffOp.laplacian(), Method.sparse(j), U, args(), 6000).index(1, 0);
            measured[i] = est.sub(est.mean()).square().sum().item() / (est.size() - 1);
            assertEquals(1, measured[i] / predicted[i], 0.12, "variance at |J| = " + j);
        }
        assertEquals(predicted[0] / predicted[1], measured[0] / measured[1], 0.2 * predicted[0] / predicted[1]);
    }

    @Test
    void twoSampleEstimatesAreIndependentDraws() {
        Func two = DiffOp.laplacian().on(U, Method.sparse(4).twoSample());
        Tensor[] in = Arrays.copyOf(args(), args().length + 1);
        in[args().length] = Key.of(3).toTensor();
        Tensor r = two.call(in);
        assertEquals(Shape.of(2, 3), r.shape());
        assertTrue(!r.index(0, 0).equals(r.index(0, 1)));
    }

    @Test
    void gradientOfAnEstimatedSquaredResidualMatchesFiniteDifferences() {
        Func lap = DiffOp.laplacian().on(U, Method.sparse(5));
        Tensor key = Key.of(77).toTensor();
        Tensor x = X;
        // loss(W1, b1, W2, w3) = mean((estimated Laplacian - 1)^2) with the same coordinates at every evaluation
        Func loss = Func.of(4, p -> new Value[] {lap.applyAll(p[0].constant(x), p[0], p[1], p[2], p[3], p[0].constant(key))[0]
                .sub(1).square().mean()});
        Check.Report r = Check.gradient(loss, P);
        assertTrue(r.passes(1e-6), r.toString());
    }

    @Test
    void hvpAndJetEstimatesAgreeForTheSameCoordinates() {
        Tensor[] in = Arrays.copyOf(args(), args().length + 1);
        in[args().length] = Key.of(12).toTensor();
        Tensor jets = DiffOp.laplacian().on(U, Method.sparse(5)).call(in);
        Tensor hvps = DiffOp.laplacian().on(U, Method.sparseHvp(5)).call(in);
        descent.Testing.assertClose(hvps, jets, 1e-12, "HVP vs jet second derivatives");
    }
}
