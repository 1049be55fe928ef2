package descent.bench;

import descent.optim.History;
import descent.optim.Schedule;
import descent.pinn.Init;
import descent.pinn.Mlp;
import descent.pinn.Phase;
import descent.pinn.Pinn;
import descent.pinn.Problem;
import descent.pinn.Training;
import descent.pinn.zoo.Equation;
import descent.pinn.zoo.Zoo;
import descent.stde.Estimator;
import descent.tensor.Key;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * One cell of the STDE benchmark grid, in its own JVM so its peak heap is its own: training steps
 * of the two-body Allen-Cahn PINN (u = (1 - |x|^2) MLP(x), MLP width 128, depth 4, tanh, 100
 * residual points per step, one Adam step per iteration) with the Laplacian by sparse STDE
 * (|J| = 16), exactly, or by sparse Hessian-vector products. Prints one JSON line: the median step
 * time after a warm-up long enough for the JIT to settle, iterations/s (and the rates of the
 * slower and faster quartile of steps, which show a machine shared with other work), the peak heap in use
 * (sampled every 2 ms, garbage included), the peak heap in use after a collection (with garbage of
 * older generations not yet collected) and the live heap after full collections at the end, the
 * training still reachable (what the run keeps).
 *
 * <p>Arguments: METHOD (stde | exact | hvp), DIMENSION, STEPS (timed after the warm-up).
 */
public final class StdeStep {
    private StdeStep() {
    }

    /**
     * Steps to discard before timing: as many as run in about 20 s at the speed of a short trial
     * (at least 5, at most 400), so that small problems are timed with their kernels compiled by
     * the JIT's optimizing tier, as in a long training run, not while they are still interpreted.
     */
    private static int warmupSteps(Pinn pinn) {
        int trial = 5;
        Training t = pinn.train(pinn.init(Key.of(0)), Phase.adam(trial, Schedule.linear(1e-3, 1e-3, trial)));
        long[] nanos = t.phases().get(0).history().stepNanos();
        double step = nanos[nanos.length - 1] / 1e9;
        return (int) Math.max(5, Math.min(400, 20 / step));
    }

    /**
     * Bytes of heap in use after full collections with the finished training still reachable: what
     * a run keeps (parameters, optimizer state, the compiled plans and their buffers, the points),
     * without the garbage a young collection leaves in the old generation.
     */
    private static double liveHeap(Training keep) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        java.lang.ref.Reference.reachabilityFence(keep);
        return least;
    }

    /** Runs one configuration and prints its JSON line. */
    public static void main(String[] args) throws InterruptedException {
        String method = args[0];
        int d = Integer.parseInt(args[1]);
        int steps = Integer.parseInt(args[2]);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long[] peak = {0};
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak[0] = Math.max(peak[0], memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long[] afterGc = {0};
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((javax.management.NotificationEmitter) gc).addNotificationListener((note, handback) -> {
                if (note.getType().equals(com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    com.sun.management.GarbageCollectionNotificationInfo info = com.sun.management.GarbageCollectionNotificationInfo
                            .from((javax.management.openmbean.CompositeData) note.getUserData());
                    long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                            .mapToLong(java.lang.management.MemoryUsage::getUsed).sum();
                    synchronized (afterGc) {
                        afterGc[0] = Math.max(afterGc[0], used);
                    }
                }
            }, null, null);
        }
        Estimator m = switch (method) {
            case "stde" -> Estimator.sparse(16);
            case "hvp" -> Estimator.sparseHvp(16);
            case "exact" -> Estimator.exact();
            default -> throw new IllegalArgumentException("method must be stde, exact or hvp, got " + method);
        };
        Problem p = Zoo.twoBody(Equation.ALLEN_CAHN, d, Key.of(1));
        Pinn pinn = Pinn.builder(p, Mlp.builder(d).hidden(128, 3).init(Init.LECUN_TRUNCATED).build())
                .estimator(m).points(100).metrics(Integer.MAX_VALUE, 1).build();
        String result;
        try {
            int warmup = warmupSteps(pinn);
            long total = warmup + steps;
            Training t = pinn.train(pinn.init(Key.of(0)), Phase.adam(total, Schedule.linear(1e-3, 0, total)));
            History h = t.phases().get(0).history();
            long[] nanos = Arrays.copyOfRange(h.stepNanos(), warmup, h.size());
            Arrays.sort(nanos);
            double median = nanos[nanos.length / 2] / 1e9;
            double fast = nanos[nanos.length / 4] / 1e9;
            double slow = nanos[(3 * nanos.length) / 4] / 1e9;
            double live = liveHeap(t);
            result = String.format(Locale.ROOT,
                    "{\"method\": \"%s\", \"dim\": %d, \"step_s\": %.6f, \"iterations_per_s\": %.4f, "
                            + "\"quartiles_per_s\": \"%.2f-%.2f\", \"peak_heap_mb\": %.1f, "
                            + "\"peak_after_gc_mb\": %.1f, \"live_mb\": %.1f, \"loss\": %.6e}",
                    method, d, median, 1 / median, 1 / slow, 1 / fast, peak[0] / 1e6, afterGc[0] / 1e6, live / 1e6, h.loss(h.size() - 1));
        } catch (OutOfMemoryError e) {
            result = String.format(Locale.ROOT, "{\"method\": \"%s\", \"dim\": %d, \"oom\": \"%s\"}", method, d, e.getMessage());
        }
        sampler.interrupt();
        System.out.println(result);
    }
}
