package descent.stde;

import descent.ad.Func;
import descent.tensor.Random;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import descent.tensor.Value;

/**
 * sum_i d^k u/dx_i^k (the Laplacian for k = 2), or its terms per coordinate: exact over all
 * coordinates in chunks, sparse STDE over |J| sampled coordinates scaled by d/|J|, and for k = 2
 * Hutchinson's v^T (Hess u) v with Rademacher or Gaussian probes.
 */
final class Diagonal extends DiffOp {
    /** Point-coordinate pairs per exact chunk when the method leaves the chunk to us. */
    private static final int CHUNK_ELEMENTS = 1 << 17;

    private final int k;
    private final boolean summed;

    Diagonal(int k, boolean summed) {
        super(k == 2 ? (summed ? "laplacian" : "hessianDiagonal") : "diagonal" + k);
        if (k < 1) {
            throw new IllegalArgumentException("diagonal: the order must be at least 1, got " + k);
        }
        this.k = k;
        this.summed = summed;
    }

    @Override
    void check(Method m) {
        boolean ok = m.kind == Method.Kind.EXACT
                || summed && m.kind == Method.Kind.SPARSE
                || summed && k == 2 && m.kind == Method.Kind.SPARSE_HVP
                || summed && k == 2 && (m.kind == Method.Kind.RADEMACHER || m.kind == Method.Kind.GAUSSIAN);
        if (!ok) {
            throw unsupported(m);
        }
    }

    @Override
    String supported() {
        return summed ? (k == 2 ? "exact, sparse, sparseHvp, rademacher or gaussian" : "exact or sparse") : "exact";
    }

    @Override
    Value evaluate(Func u, Value[] args, Value key, Method m) {
        Value x = args[0];
        int n = x.shape().dim(0);
        int d = x.shape().dim(1);
        switch (m.kind) {
            case EXACT: {
                int chunk = m.samples > 0 ? m.samples : Math.max(1, Math.min(d, CHUNK_ELEMENTS / Math.max(1, n)));
                Value total = null;
                Value[] parts = new Value[(d + chunk - 1) / chunk];
                for (int c = 0, p = 0; c < d; c += chunk, p++) {
                    int len = Math.min(chunk, d - c);
                    Value idx = x.constant(Tensor.arange(len).add(c));
                    Value terms = Jets.coordinates(u, args, idx, k);
                    if (summed) {
                        Value s = terms.sum(0);
                        total = total == null ? s : total.add(s);
                    } else {
                        parts[p] = terms;
                    }
                }
                return summed ? total : Value.concat(0, parts).transpose();
            }
            case SPARSE:
            case SPARSE_HVP: {
                if (m.samples > d) {
                    throw new IllegalArgumentException(name() + ": sparse STDE samples |J| = " + m.samples
                            + " coordinates, more than the points' dimension d = " + d);
                }
                Value idx = Random.choice(key, d, m.samples);
                Value terms = m.kind == Method.Kind.SPARSE ? Jets.coordinates(u, args, idx, k) : Jets.hvpCoordinates(u, args, idx);
                return terms.sum(0).mul((double) d / m.samples);
            }
            default: {
                Shape probes = Shape.of(m.samples, n, d);
                Value v = m.kind == Method.Kind.RADEMACHER ? Random.rademacher(key, probes) : Random.normal(key, probes);
                return Jets.probes(u, args, v, 2).mean(0);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Diagonal && ((Diagonal) o).k == k && ((Diagonal) o).summed == summed;
    }

    @Override
    public int hashCode() {
        return k * 2 + (summed ? 1 : 0);
    }
}
