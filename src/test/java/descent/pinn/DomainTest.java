package descent.pinn;

import descent.ad.Func;
import descent.tensor.Key;
import descent.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DomainTest {
    /** Pearson's chi-square statistic of observed counts against equal expected counts. */
    private static double chiSquare(int[] counts, int total) {
        double expected = (double) total / counts.length;
        double s = 0;
        for (int c : counts) {
            s += (c - expected) * (c - expected) / expected;
        }
        return s;
    }

    @Test
    void ballSamplesAreInsideAndUniform() {
        Ball ball = Domain.ball(new double[] {1, -1}, 2);
        int n = 20000;
        Tensor p = ball.sample(Key.of(1), n);
        int[] radial = new int[10];
        int[] angular = new int[8];
        for (int i = 0; i < n; i++) {
            double dx = p.get(i, 0) - 1;
            double dy = p.get(i, 1) + 1;
            double r2 = (dx * dx + dy * dy) / 4;
            assertTrue(r2 <= 1 + 1e-15);
            radial[Math.min(9, (int) (r2 * 10))]++;
            angular[Math.min(7, (int) ((Math.atan2(dy, dx) + Math.PI) / (2 * Math.PI) * 8))]++;
        }
        // 99.9% quantiles of chi-square with 9 and 7 degrees of freedom
        assertTrue(chiSquare(radial, n) < 27.88, "radial " + java.util.Arrays.toString(radial));
        assertTrue(chiSquare(angular, n) < 24.32, "angular " + java.util.Arrays.toString(angular));
    }

    @Test
    void radiallyUniformBallSamplesHaveUniformRadiiInHighDimension() {
        Ball ball = Domain.unitBall(100).radiallyUniform();
        int n = 5000;
        Tensor r = ball.sample(Key.of(5), n).square().sum(1).sqrt();
        int[] radial = new int[10];
        for (int i = 0; i < n; i++) {
            assertTrue(r.get(i) <= 1);
            radial[Math.min(9, (int) (r.get(i) * 10))]++;
        }
        assertTrue(chiSquare(radial, n) < 27.88, "radii " + java.util.Arrays.toString(radial));
        // volume-uniform points of the same ball all lie beyond radius 0.9 (probability 1 - 0.9^100 each)
        assertTrue(Domain.unitBall(100).sample(Key.of(5), n).square().sum(1).sqrt().min().item() > 0.9);
        assertTrue(ball.isRadiallyUniform() && ball.toString().contains("radially uniform"));
    }

    @Test
    void sphereSamplesAreOnTheBoundaryInHighDimension() {
        Ball ball = Domain.unitBall(1000);
        Tensor s = ball.sampleBoundary(Key.of(2), 50);
        Tensor r = s.square().sum(1).sqrt();
        for (int i = 0; i < 50; i++) {
            assertEquals(1, r.get(i), 1e-12);
        }
        Tensor inside = ball.sample(Key.of(3), 50);
        assertTrue(inside.square().sum(1).max().item() <= 1);
        assertEquals(0, Func.of(x -> ball.boundaryFactor(x)).call(s).abs().max().item(), 1e-12);
    }

    @Test
    void boxSamplesFacesByAreaAndLatinHypercubeSlices() {
        Box box = Domain.box(new double[] {0, -1}, new double[] {3, 1});
        int n = 30000;
        Tensor b = box.sampleBoundary(Key.of(4), n);
        int[] faces = new int[4];
        for (int i = 0; i < n; i++) {
            double x = b.get(i, 0);
            double y = b.get(i, 1);
            boolean onX = x == 0 || x == 3;
            boolean onY = y == -1 || y == 1;
            assertTrue(onX || onY, "(" + x + ", " + y + ") is not on the boundary");
            faces[x == 0 ? 0 : x == 3 ? 1 : y == -1 ? 2 : 3]++;
        }
        // faces x = 0 and x = 3 have length 2, faces y = +-1 have length 3
        int[] scaled = {faces[0] * 3, faces[1] * 3, faces[2] * 2, faces[3] * 2};
        assertTrue(chiSquare(new int[] {faces[0] + faces[1], (faces[2] + faces[3]) * 2 / 3}, (faces[0] + faces[1]) * 2) < 10.83,
                java.util.Arrays.toString(scaled));
        Tensor inside = box.sample(Key.of(5), 1000);
        assertTrue(inside.index(1, 0).min().item() >= 0 && inside.index(1, 0).max().item() < 3);
        Tensor lhs = box.latinHypercube(Key.of(6), 20);
        for (int axis = 0; axis < 2; axis++) {
            boolean[] hit = new boolean[20];
            for (int i = 0; i < 20; i++) {
                double t = axis == 0 ? lhs.get(i, 0) / 3 : (lhs.get(i, 1) + 1) / 2;
                hit[(int) (t * 20)] = true;
            }
            for (boolean h : hit) {
                assertTrue(h, "every slice of axis " + axis + " holds a point");
            }
        }
        Tensor grid = box.grid(4);
        assertEquals(16, grid.shape().dim(0));
        assertEquals(Tensor.of(3, 1), grid.index(0, 15));
        assertEquals(Tensor.of(1, -1), grid.index(0, 4));
        assertEquals(0, Func.of(x -> box.boundaryFactor(x)).call(b.slice(0, 0, 100)).abs().max().item(), 1e-15);
    }

    @Test
    void hammersleyPointsAreDeepXdesQuasiRandomSet() {
        // the set for n = 4 in the unit square: (radical inverse of i in base 2, i / 5), i = 1..4
        Tensor square = Domain.box(new double[] {-1, 0}, new double[] {1, 2}).hammersley().sample(Key.of(1), 4);
        double[][] unit = {{0.5, 0.2}, {0.25, 0.4}, {0.75, 0.6}, {0.125, 0.8}};
        for (int i = 0; i < 4; i++) {
            assertEquals(-1 + 2 * unit[i][0], square.get(i, 0), 1e-15);
            assertEquals(2 * unit[i][1], square.get(i, 1), 1e-15);
        }
        // three dimensions: base 2, base 3, then the grid coordinate; i = 5 is 101 in base 2 and 12 in base 3
        Tensor cube = Domain.box(new double[] {0, 0, 0}, new double[] {1, 1, 1}).hammersley().sample(Key.of(2), 9);
        assertEquals(0.625, cube.get(4, 0), 1e-15);
        assertEquals(2.0 / 3 + 1.0 / 9, cube.get(4, 1), 1e-15);
        assertEquals(0.5, cube.get(4, 2), 1e-15);
        assertEquals(cube, Domain.box(new double[] {0, 0, 0}, new double[] {1, 1, 1}).hammersley().sample(Key.of(3), 9),
                "the set does not depend on the key");
        // one dimension: the van der Corput sequence 1/2, 1/4, 3/4, 1/8, 5/8, 3/8, 7/8
        Tensor line = Domain.interval(0, 8).hammersley().sample(Key.of(4), 7);
        assertEquals(Tensor.copyOf(new double[] {4, 2, 6, 1, 5, 3, 7}, 7, 1), line);
        // low discrepancy: 1024 points put exactly 64 in each cell of a 4 x 4 grid and 32 in each of 32 x-slices
        Tensor many = Domain.box(new double[] {0, 0}, new double[] {1, 1}).hammersley().sample(Key.of(5), 1023);
        int[] cells = new int[16];
        int[] slices = new int[32];
        for (int i = 0; i < 1023; i++) {
            cells[(int) (many.get(i, 0) * 4) * 4 + (int) (many.get(i, 1) * 4)]++;
            slices[(int) (many.get(i, 0) * 32)]++;
        }
        for (int c = 0; c < 16; c++) {
            assertTrue(Math.abs(cells[c] - 64) <= 1, "cell " + c + ": " + java.util.Arrays.toString(cells));
        }
        for (int c = 0; c < 32; c++) {
            assertTrue(Math.abs(slices[c] - 32) <= 1, "slice " + c + ": " + java.util.Arrays.toString(slices));
        }
    }

    @Test
    void hammersleySpaceTimeFollowsDeepXde() {
        SpaceTime st = Domain.spaceTime(Domain.interval(-1, 1), 0, 0.99).hammersley();
        Tensor inside = st.sample(Key.of(1), 2540);
        assertEquals(0, inside.get(0, 0), 1e-15);
        assertEquals(0.99 / 2541, inside.get(0, 1), 1e-15);
        assertEquals(-0.5, inside.get(1, 0), 1e-15);
        assertEquals(0.99 * 2540 / 2541, inside.get(2539, 1), 1e-15);
        Tensor initial = st.sampleInitial(Key.of(2), 160);
        assertEquals(Tensor.copyOf(new double[] {0, 0, -0.5, 0, 0.5, 0, -0.75, 0}, 4, 2), initial.slice(0, 0, 4));
        Tensor boundary = st.sampleBoundary(Key.of(3), 80);
        for (int i = 0; i < 80; i++) {
            assertEquals(1, Math.abs(boundary.get(i, 0)), 0);
            assertEquals(0.99 * Hammersley.radicalInverse(i + 1, 2), boundary.get(i, 1), 1e-15);
        }
        Tensor heldOut = st.sampleHeldOut(Key.of(4), 1000);
        assertTrue(heldOut.index(1, 0).abs().max().item() <= 1 && heldOut.index(1, 1).min().item() >= 0
                && heldOut.index(1, 1).max().item() <= 0.99, "held-out points inside");
        assertTrue(heldOut.sub(st.sampleHeldOut(Key.of(5), 1000)).abs().min().item() > 0, "held-out points are random, not the set");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Domain.spaceTime(Domain.unitBall(2), 0, 1).hammersley())
                .getMessage().contains("needs a box"));
    }

    @Test
    void emptyDomainsAreErrors() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Domain.box(new double[] {1}, new double[] {1}))
                .getMessage().contains("empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Domain.ball(new double[] {0}, -1))
                .getMessage().contains("radius must be positive"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Domain.unitBall(3).sample(Key.of(1), 0))
                .getMessage().contains("at least 1"));
    }
}
