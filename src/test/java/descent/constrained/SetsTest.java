package descent.constrained;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SetsTest {
    private record Case(ConvexSet set, int n) {
    }

    private static List<Case> cases() {
        Random r = new Random(7);
        double[] a = new double[6];
        double[] lower = new double[6];
        double[] upper = new double[6];
        for (int i = 0; i < 6; i++) {
            a[i] = r.nextGaussian();
            lower[i] = -r.nextDouble();
            upper[i] = i == 2 ? Double.POSITIVE_INFINITY : r.nextDouble();
        }
        double[] m = new double[2 * 6];
        for (int i = 0; i < m.length; i++) {
            m[i] = r.nextGaussian();
        }
        List<Case> cs = new ArrayList<>();
        cs.add(new Case(Sets.box(lower, upper), 6));
        cs.add(new Case(Sets.box(-0.5, 2), 7));
        cs.add(new Case(Sets.nonnegative(), 7));
        cs.add(new Case(Sets.linfBall(0.3), 7));
        cs.add(new Case(Sets.l2Ball(1.5), 7));
        cs.add(new Case(Sets.l2Ball(0.5, new double[] {1, 2, 3, 4, 5, 6}), 6));
        cs.add(new Case(Sets.l1Ball(1.0), 9));
        cs.add(new Case(Sets.simplex(), 9));
        cs.add(new Case(Sets.simplex(2.5), 5));
        cs.add(new Case(Sets.hyperplane(a, 0.7), 6));
        cs.add(new Case(Sets.halfspace(a, -0.4), 6));
        cs.add(new Case(Sets.affine(m, 2, 6, new double[] {1, -2}), 6));
        cs.add(new Case(Sets.secondOrderCone(), 5));
        cs.add(new Case(Sets.psdCone(4), 16));
        cs.add(new Case(Sets.nuclearBall(3, 4, 1.5), 12));
        cs.add(new Case(Sets.product(new ConvexSet[] {Sets.simplex(), Sets.l2Ball(1), Sets.nonnegative()}, new int[] {3, 4, 2}), 9));
        return cs;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    private static double[] gaussian(Random r, int n, double scale) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = scale * r.nextGaussian();
        }
        return x;
    }

    @Test
    void projectionsLieInTheSetAreIdempotentAndSatisfyTheVariationalInequality() {
        Random r = new Random(11);
        for (Case c : cases()) {
            for (int trial = 0; trial < 40; trial++) {
                double[] x = gaussian(r, c.n, 3);
                double[] p = x.clone();
                c.set.project(p);
                assertTrue(c.set.contains(p, 1e-9), c.set.name() + ": the projection is outside the set");
                double[] pp = p.clone();
                c.set.project(pp);
                assertArrayEquals(p, pp, 1e-10, c.set.name() + ": projecting twice moved the point");
                double dist = Math.sqrt(dot(sub(x, p), sub(x, p)));
                for (int k = 0; k < 30; k++) {
                    double[] y = gaussian(r, c.n, 3);
                    c.set.project(y);
                    double vi = dot(sub(x, p), sub(y, p));
                    assertTrue(vi <= 1e-9 * (1 + dist), c.set.name() + ": <x - P(x), y - P(x)> = " + vi + " > 0");
                    assertTrue(dist <= Math.sqrt(dot(sub(x, y), sub(x, y))) + 1e-12, c.set.name() + ": a point of the set is closer");
                }
            }
        }
    }

    private static double[] sub(double[] x, double[] y) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i] - y[i];
        }
        return d;
    }

    @Test
    void linearMinimizationOraclesMinimizeOverTheSet() {
        Random r = new Random(3);
        int checked = 0;
        for (Case c : cases()) {
            if (!c.set.hasLmo()) {
                assertThrows(UnsupportedOperationException.class, () -> c.set.lmo(new double[c.n], new double[c.n]));
                continue;
            }
            checked++;
            for (int trial = 0; trial < 20; trial++) {
                double[] g = gaussian(r, c.n, 1);
                double[] s = new double[c.n];
                c.set.lmo(g, s);
                assertTrue(c.set.contains(s, 1e-12), c.set.name() + ": the LMO's point is outside the set");
                for (int k = 0; k < 50; k++) {
                    double[] y = gaussian(r, c.n, 3);
                    c.set.project(y);
                    assertTrue(dot(g, s) <= dot(g, y) + 1e-12, c.set.name() + ": a point of the set has a smaller <g, y>");
                }
            }
        }
        assertEquals(8, checked);
    }

    /** Projection onto the simplex and the l1 ball by bisection on the threshold: an independent reference. */
    private static double[] bisection(double[] x, double radius, boolean l1) {
        double lo = -1e3;
        double hi = 1e3;
        for (int it = 0; it < 200; it++) {
            double t = 0.5 * (lo + hi);
            double s = 0;
            for (double v : x) {
                s += Math.max((l1 ? Math.abs(v) : v) - t, 0);
            }
            if (s > radius) {
                lo = t;
            } else {
                hi = t;
            }
        }
        double t = 0.5 * (lo + hi);
        double[] p = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            p[i] = l1 ? Math.copySign(Math.max(Math.abs(x[i]) - t, 0), x[i]) : Math.max(x[i] - t, 0);
        }
        return p;
    }

    @Test
    void simplexAndL1BallMatchBisectionOnTheThreshold() {
        Random r = new Random(5);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + r.nextInt(40);
            double[] x = gaussian(r, n, 2);
            double[] p = x.clone();
            Sets.simplex(1.7).project(p);
            assertArrayEquals(bisection(x, 1.7, false), p, 1e-10);
            double[] q = x.clone();
            Sets.l1Ball(1.3).project(q);
            double norm1 = 0;
            for (double v : x) {
                norm1 += Math.abs(v);
            }
            assertArrayEquals(norm1 <= 1.3 ? x : bisection(x, 1.3, true), q, 1e-10);
        }
    }

    /**
     * The projection's threshold against the sorting algorithm (Duchi et al., 2008) on long
     * vectors, sorted and reversed inputs (the worst orders for a one-pass candidate set), and
     * inputs with many ties.
     */
    @Test
    void simplexMatchesTheSortingThresholdOnLongAndTiedInputs() {
        Random r = new Random(8);
        for (int trial = 0; trial < 12; trial++) {
            int n = 1000 * (1 + trial);
            double[] x = gaussian(r, n, 1);
            if (trial % 4 == 1) {
                java.util.Arrays.sort(x);
            } else if (trial % 4 == 2) {
                java.util.Arrays.sort(x);
                for (int i = 0; i < n / 2; i++) {
                    double t = x[i];
                    x[i] = x[n - 1 - i];
                    x[n - 1 - i] = t;
                }
            } else if (trial % 4 == 3) {
                for (int i = 0; i < n; i++) {
                    x[i] = Math.floor(3 * x[i]);
                }
            }
            double radius = 0.5 + trial;
            double[] u = x.clone();
            java.util.Arrays.sort(u);
            double sum = 0;
            double theta = 0;
            for (int j = 1; j <= n; j++) {
                sum += u[n - j];
                double t = (sum - radius) / j;
                if (u[n - j] > t) {
                    theta = t;
                }
            }
            double[] p = x.clone();
            Sets.simplex(radius).project(p);
            for (int i = 0; i < n; i++) {
                assertEquals(Math.max(x[i] - theta, 0), p[i], 1e-12 * (1 + Math.abs(x[i])), "trial " + trial + ", element " + i);
            }
        }
    }

    @Test
    void closedFormProjections() {
        double[] p = {0.5, 0.5, 0.5};
        Sets.simplex().project(p);
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, p, 1e-15);
        p = new double[] {2, 0, -1};
        Sets.simplex().project(p);
        assertArrayEquals(new double[] {1, 0, 0}, p, 0);
        p = new double[] {3, -1};
        Sets.l1Ball(1).project(p);
        assertArrayEquals(new double[] {1, 0}, p, 1e-15);
        p = new double[] {1, -1};
        Sets.l1Ball(1).project(p);
        assertArrayEquals(new double[] {0.5, -0.5}, p, 1e-15);
        p = new double[] {3, 0, 1};
        Sets.secondOrderCone().project(p);
        assertArrayEquals(new double[] {2, 0, 2}, p, 1e-15);
        p = new double[] {3, 4, -6};
        Sets.secondOrderCone().project(p);
        assertArrayEquals(new double[] {0, 0, 0}, p, 0);
        p = new double[] {3, 4};
        Sets.l2Ball(1).project(p);
        assertArrayEquals(new double[] {0.6, 0.8}, p, 1e-15);
        p = new double[] {2, 2};
        Sets.hyperplane(new double[] {1, 1}, 1).project(p);
        assertArrayEquals(new double[] {0.5, 0.5}, p, 1e-15);
        // [[1, 2], [2, 1]] has eigenvalues 3 and -1 with eigenvectors (1, 1) and (1, -1) / sqrt 2.
        p = new double[] {1, 2, 2, 1};
        Sets.psdCone(2).project(p);
        assertArrayEquals(new double[] {1.5, 1.5, 1.5, 1.5}, p, 1e-14);
        p = new double[] {3, 0, 0, 0, 1, 0, 0, 0, 0};
        Sets.nuclearBall(3, 3, 1).project(p);
        assertArrayEquals(new double[] {1, 0, 0, 0, 0, 0, 0, 0, 0}, p, 1e-14);
        // The affine set x1 + x2 + x3 = 3, x1 - x3 = 0 is the line (t, 3 - 2t, t); its closest point to 0 has t = 1.
        p = new double[] {0, 0, 0};
        Sets.affine(new double[] {1, 1, 1, 1, 0, -1}, 2, 3, new double[] {3, 0}).project(p);
        assertArrayEquals(new double[] {1, 1, 1}, p, 1e-14);
    }

    @Test
    void productActsLeafByLeafOnAParameterLayout() {
        descent.tensor.ParamLayout layout = descent.tensor.ParamLayout.of(descent.tensor.Params.<descent.tensor.Tensor>builder()
                .put("w", descent.tensor.Tensor.zeros(3)).put("b", descent.tensor.Tensor.zeros(2)).build());
        ConvexSet c = Sets.perLeaf(layout, Sets.simplex(), Sets.nonnegative());
        double[] x = {2, 0, -1, -3, 4};
        c.project(x);
        assertArrayEquals(new double[] {1, 0, 0, 0, 4}, x, 0);
        assertEquals(5, c.dimension());
    }

    @Test
    void badInputGetsClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sets.box(new double[] {0, 2}, new double[] {1, 1}));
        assertTrue(e.getMessage().contains("empty") && e.getMessage().contains("element 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Sets.box(1, 0));
        assertTrue(e.getMessage().contains("lower bound 1.0 > upper bound 0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Sets.l2Ball(-1));
        assertTrue(e.getMessage().contains("radius") && e.getMessage().contains("-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sets.l1Ball(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Sets.simplex(0));
        e = assertThrows(IllegalArgumentException.class, () -> Sets.hyperplane(new double[] {0, 0}, 1));
        assertTrue(e.getMessage().contains("zero"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Sets.affine(new double[] {1, 1, 2, 2}, 2, 2, new double[] {0, 0}));
        assertTrue(e.getMessage().contains("full row rank"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Sets.box(new double[] {0, 0}, new double[] {1, 1}).project(new double[3]));
        assertTrue(e.getMessage().contains("3 elements") && e.getMessage().contains("dimension 2"), e.getMessage());
        assertFalse(Sets.nonnegative().hasLmo());
    }
}
