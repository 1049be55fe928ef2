package descent.constrained;

import java.util.Arrays;

/**
 * The scaled probability simplex {@code {x >= 0, sum x = r}}. The projection is
 * {@code max(x - theta, 0)} with the threshold {@code theta} found by Condat's algorithm (Condat,
 * 2016, "Fast projection onto the simplex and the l1 ball"), in expected linear time where sorting
 * (Duchi, Shalev-Shwartz, Singer and Chandra, 2008) takes {@code O(n log n)}. The LMO is
 * {@code r e_i} at the smallest {@code g_i}.
 */
final class Simplex implements ConvexSet {
    private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[16]);

    private final double radius;

    Simplex(double radius) {
        this.radius = Arg.positive("Sets.simplex", "radius", radius);
    }

    @Override
    public String name() {
        return "simplex(" + radius + ")";
    }

    @Override
    public int dimension() {
        return -1;
    }

    /**
     * The threshold {@code theta} with {@code sum_i max(v_i - theta, 0) = r}, for {@code v_i = x_i}
     * or, if {@code abs}, {@code v_i = |x_i|}, by Condat's algorithm: one pass keeps a candidate
     * set and the threshold it implies, moving the candidates to a waiting list whenever a larger
     * element resets them; the waiting list is then screened against the threshold, and elements
     * at or below it are dropped until none is. Expected linear time, {@code O(n^2)} at worst.
     */
    static double threshold(double[] x, int offset, int length, double r, boolean abs) {
        double[] v = SCRATCH.get();
        if (v.length < 2 * length) {
            v = new double[Math.max(2 * length, 2 * v.length)];
            SCRATCH.set(v);
        }
        int waitingStart = length;
        int size = 1;
        int waiting = 0;
        double first = x[offset];
        v[0] = abs ? Math.abs(first) : first;
        double rho = v[0] - r;
        for (int i = 1; i < length; i++) {
            double y = x[offset + i];
            if (abs) {
                y = Math.abs(y);
            }
            if (y > rho) {
                rho += (y - rho) / (size + 1);
                if (rho > y - r) {
                    v[size++] = y;
                } else {
                    System.arraycopy(v, 0, v, waitingStart + waiting, size);
                    waiting += size;
                    v[0] = y;
                    size = 1;
                    rho = y - r;
                }
            }
        }
        for (int i = 0; i < waiting; i++) {
            double y = v[waitingStart + i];
            if (y > rho) {
                v[size++] = y;
                rho += (y - rho) / size;
            }
        }
        int before;
        do {
            before = size;
            int kept = 0;
            int remaining = size;
            for (int i = 0; i < before; i++) {
                double y = v[i];
                if (y > rho) {
                    v[kept++] = y;
                } else {
                    remaining--;
                    rho += (rho - y) / remaining;
                }
            }
            size = kept;
        } while (size != before);
        return rho;
    }

    @Override
    public void project(double[] x, int offset, int length) {
        if (length == 0) {
            throw new IllegalArgumentException(name() + ": the simplex in dimension 0 is empty");
        }
        double theta = threshold(x, offset, length, radius, false);
        for (int i = 0; i < length; i++) {
            x[offset + i] = Math.max(x[offset + i] - theta, 0);
        }
    }

    @Override
    public boolean contains(double[] x, int offset, int length, double tolerance) {
        double sum = 0;
        for (int i = 0; i < length; i++) {
            double v = x[offset + i];
            if (!(v >= -tolerance)) {
                return false;
            }
            sum += v;
        }
        return Math.abs(sum - radius) <= tolerance;
    }

    @Override
    public boolean hasLmo() {
        return true;
    }

    @Override
    public void lmo(double[] g, double[] s, int offset, int length) {
        int best = 0;
        for (int i = 1; i < length; i++) {
            if (g[offset + i] < g[offset + best]) {
                best = i;
            }
        }
        Arrays.fill(s, offset, offset + length, 0);
        s[offset + best] = radius;
    }
}
