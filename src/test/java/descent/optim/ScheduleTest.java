package descent.optim;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Schedules against torch's lr_scheduler traces and against their closed forms. */
class ScheduleTest {
    @SuppressWarnings("unchecked")
    private static Map<String, Object> torch(String scheduler, int index) {
        int seen = 0;
        for (Map<String, Object> line : Json.lines("/descent/optim/torch-lr-schedules.jsonl")) {
            if (line.get("scheduler").equals(scheduler) && line.containsKey("lrs") == (index >= 0)) {
                if (index < 0 || seen++ == index) {
                    return line;
                }
            }
        }
        throw new IllegalStateException("no trace for " + scheduler);
    }

    private static void assertSchedule(Schedule s, double[] expected, double tol, String what) {
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t], s.at(t), tol * Math.max(1, Math.abs(expected[t])), what + " at step " + t);
        }
    }

    @Test
    void torchSchedulersAreMatched() {
        assertSchedule(Schedule.step(0.1, 7, 0.5), Json.doubles(torch("StepLR", 0).get("lrs")), 1e-15, "StepLR");
        assertSchedule(Schedule.multiStep(0.1, new long[] {12, 5, 30}, 0.3), Json.doubles(torch("MultiStepLR", 0).get("lrs")), 1e-15,
                "MultiStepLR");
        assertSchedule(Schedule.exponential(0.1, 0.93, 1, false), Json.doubles(torch("ExponentialLR", 0).get("lrs")), 1e-13,
                "ExponentialLR");
        assertSchedule(Schedule.cosine(0.1, 40, 0.01), Json.doubles(torch("CosineAnnealingLR", 0).get("lrs")), 1e-13,
                "CosineAnnealingLR");
        assertSchedule(Schedule.polynomial(0.1, 0, 2, 30), Json.doubles(torch("PolynomialLR", 0).get("lrs")), 1e-13, "PolynomialLR");
        assertSchedule(Schedule.linear(0.025, 0.1, 8), Json.doubles(torch("LinearLR", 0).get("lrs")), 1e-13, "LinearLR");
        Map<String, Object> oc = torch("OneCycleLR", 0);
        assertSchedule(Schedule.oneCycle(40, 0.5, 0.3, 25, 1e4), Json.doubles(oc.get("lrs")), 1e-13, "OneCycleLR");
        assertSchedule(Schedule.oneCycleMomentum(40, 0.3, 0.85, 0.95), Json.doubles(oc.get("momenta")), 1e-13, "OneCycle momentum");
        Map<String, Object> oc2 = torch("OneCycleLR", 1);
        assertSchedule(Schedule.oneCycle(40, 0.5, 0.25, 10, 100), Json.doubles(oc2.get("lrs")), 1e-13, "OneCycleLR (custom)");
    }

    /** Scheduled learning rate and momentum: SGD under torch's OneCycleLR follows torch's trajectory. */
    @Test
    void scheduledHyperparametersFollowTorchsOneCycleTrajectory() {
        Map<String, Object> line = torch("OneCycleLR", -1);
        double[][] ref = Json.matrix(line.get("trace"));
        Transform sgd = Optimizers.sgd(Schedule.oneCycle(50, 0.3, 0.3, 25, 1e4), Schedule.oneCycleMomentum(50, 0.3, 0.85, 0.95),
                Schedule.constant(0), Schedule.constant(0), false);
        double[][] mine = TorchMatchTest.trajectory(sgd, Problems::quad, Json.doubles(line.get("x0")), ref.length, true);
        assertTrue(TorchMatchTest.maxError(mine, ref) <= 1e-10, "error " + TorchMatchTest.maxError(mine, ref));
    }

    @Test
    void reduceOnPlateauFollowsTorch() {
        Object[][] configs = {{0.5, 2, 1e-4, 0, 0.0}, {0.1, 3, 0.01, 2, 0.002}};
        for (int c = 0; c < configs.length; c++) {
            Map<String, Object> line = torch("ReduceLROnPlateau", c);
            double[] lrs = Json.doubles(line.get("lrs"));
            double[] metrics = Json.doubles(line.get("metrics"));
            Object[] k = configs[c];
            Transform t = Transforms.reduceOnPlateau((double) k[0], (int) k[1], (double) k[2], (int) k[3], (double) k[4]);
            State s = t.init(Layouts.vector(1), new double[1]);
            double[] u = new double[1];
            for (int step = 0; step < metrics.length; step++) {
                assertEquals(lrs[step], t.learningRate(s), 1e-15, "config " + c + " step " + step);
                u[0] = -1;
                t.update(u, s, new double[1], Context.of(metrics[step], null));
                assertEquals(-lrs[step], u[0], 1e-15, "the update is scaled by the factor in force");
            }
        }
    }

    @Test
    void closedForms() {
        assertEquals(1e-3 * Math.pow(0.5, 2.5), Schedule.exponential(1e-3, 0.5, 10, false).at(25), 1e-18);
        assertEquals(1e-3 * 0.25, Schedule.exponential(1e-3, 0.5, 10, true).at(25), 1e-18);
        assertEquals(1.0 / (1 + 0.5 * 2.5), Schedule.inverseTime(1, 0.5, 10, false).at(25), 1e-15);
        assertEquals(1.0 / (1 + 0.5 * 2), Schedule.inverseTime(1, 0.5, 10, true).at(25), 1e-15);
        Schedule wc = Schedule.warmupCosine(0, 1, 10, 110, 0.1);
        assertEquals(0.5, wc.at(5), 1e-15);
        assertEquals(1.0, wc.at(10), 1e-15);
        assertEquals(0.1 + 0.9 * 0.5, wc.at(60), 1e-15);
        assertEquals(0.1, wc.at(500), 1e-15);
        Schedule wsd = Schedule.warmupStableDecay(2, 4, 10, 8, 0);
        assertEquals(1.0, wsd.at(2), 1e-15);
        assertEquals(2.0, wsd.at(4), 0);
        assertEquals(2.0, wsd.at(13), 0);
        assertEquals(1.0, wsd.at(18), 1e-15);
        assertEquals(0.0, wsd.at(30), 0);
        Schedule pw = Schedule.piecewise(new long[] {3, 6}, new double[] {1, 0.5, 0.25});
        assertEquals(List.of(1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.25), List.of(pw.at(0), pw.at(1), pw.at(2), pw.at(3), pw.at(4), pw.at(5),
                pw.at(6)));
        assertEquals(0.6, Schedule.linearWarmup(1.2, 10).at(5), 1e-15);
        assertEquals(0.3, Schedule.constant(0.1).times(3).at(7), 1e-15);
    }

    @Test
    void batchSizeScalingRules() {
        assertEquals(0.4, BatchScaling.linear(0.1, 256, 1024), 1e-15);
        assertEquals(2e-3, BatchScaling.sqrt(1e-3, 256, 1024), 1e-18);
        assertEquals(0.05, BatchScaling.linear(Schedule.constant(0.1), 256, 128).at(3), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> BatchScaling.sqrt(1e-3, 0, 10));
    }

    @Test
    void invalidSchedulesAndScheduledValuesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedule.piecewise(new long[] {5, 3},
                new double[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("boundaries must increase"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Schedule.oneCycle(3, 1, 0.1, 25, 1e4));
        assertTrue(e.getMessage().contains("pctStart"), e.getMessage());
        Transform adam = Optimizers.adam(Schedule.linear(1e-3, -1e-3, 4), Schedule.constant(0.9), Schedule.constant(0.999),
                Schedule.constant(1e-8), Schedule.constant(0), false);
        State s = adam.init(Layouts.vector(2), new double[2]);
        double[] x = new double[2];
        for (int t = 0; t < 2; t++) {
            adam.step(new double[] {1, 1}, s, x, new Context());
        }
        e = assertThrows(IllegalArgumentException.class, () -> {
            for (int t = 0; t < 3; t++) {
                adam.step(new double[] {1, 1}, s, x, new Context());
            }
        });
        assertTrue(e.getMessage().contains("adam: lr follows a schedule whose value at step 3 is -5.0E-4, outside [0, inf)"),
                e.getMessage());
    }
}
