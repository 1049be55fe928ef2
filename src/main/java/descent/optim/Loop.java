package descent.optim;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * A loop body over index ranges that runs on the calling thread and, for long ranges, on the
 * common fork-join pool too. Ranges are split at multiples of {@link #BLOCK}, so reductions that
 * keep one partial per block and add the partials in order give the same result whatever the
 * number of threads. An instance keeps its own tasks, so running it allocates nothing: the calling
 * thread takes back a task no worker has started, and otherwise spins for a few milliseconds
 * before it parks (parking allocates a wait node, so only a worker delayed that long costs an
 * allocation). An instance must not run on two threads at once.
 */
abstract class Loop {
    /** Number of ways a long range is split: the processors available to the JVM. */
    static final int WAYS = Math.max(1, Math.min(ForkJoinPool.getCommonPoolParallelism() + 1,
            Runtime.getRuntime().availableProcessors()));

    /** Granule of splitting and of block-wise reductions. */
    static final int BLOCK = 4096;

    /** Ranges shorter than this run on the calling thread only. */
    static final int PARALLEL_MIN = 1 << 16;

    /** Spin-wait iterations (a few milliseconds) before the calling thread parks to wait for a worker. */
    private static final int SPIN_LIMIT = 1 << 16;

    private final Part[] parts = new Part[WAYS - 1];

    private final class Part extends RecursiveAction {
        int lo;
        int hi;

        @Override
        protected void compute() {
            range(lo, hi);
        }
    }

    protected Loop() {
        for (int w = 0; w < parts.length; w++) {
            parts[w] = new Part();
        }
    }

    /** The body over {@code [lo, hi)}; {@code lo - start} is a multiple of {@link #BLOCK}. */
    protected abstract void range(int lo, int hi);

    /** Runs the body over {@code [0, n)}. */
    final void run(int n) {
        run(0, n);
    }

    /** Runs the body over {@code [start, end)}, split across threads when long. */
    final void run(int start, int end) {
        int n = end - start;
        int ways = n >= PARALLEL_MIN ? Math.min(WAYS, n / (PARALLEL_MIN / 2)) : 1;
        if (ways <= 1) {
            range(start, end);
            return;
        }
        int blocks = (n + BLOCK - 1) / BLOCK;
        int chunk = (blocks + ways - 1) / ways * BLOCK;
        int used = 0;
        for (int w = 1; w < ways; w++) {
            int lo = start + w * chunk;
            if (lo >= end) {
                break;
            }
            Part p = parts[w - 1];
            p.lo = lo;
            p.hi = Math.min(end, lo + chunk);
            p.reinitialize();
            p.fork();
            used = w;
        }
        range(start, Math.min(end, start + chunk));
        for (int w = 0; w < used; w++) {
            Part p = parts[w];
            if (p.tryUnfork()) {
                p.compute();
                continue;
            }
            for (int spins = 0; spins < SPIN_LIMIT && !p.isDone(); spins++) {
                Thread.onSpinWait();
            }
            p.join();
        }
    }

    /**
     * A sum over a range computed block by block: one partial per {@link #BLOCK} elements, added
     * in order, so the result does not depend on how the range was split across threads.
     */
    abstract static class Sum extends Loop {
        private double[] partials = new double[16];
        private int origin;

        /** The sum of the terms over {@code [lo, hi)}, which lies within one block. */
        protected abstract double partial(int lo, int hi);

        @Override
        protected final void range(int lo, int hi) {
            for (int b = lo; b < hi; b += BLOCK) {
                partials[(b - origin) / BLOCK] = partial(b, Math.min(hi, b + BLOCK));
            }
        }

        /** The sum over {@code [start, end)}. */
        final double sum(int start, int end) {
            int blocks = (end - start + BLOCK - 1) / BLOCK;
            if (partials.length < blocks) {
                partials = new double[blocks];
            }
            origin = start;
            run(start, end);
            double s = 0;
            for (int b = 0; b < blocks; b++) {
                s += partials[b];
            }
            return s;
        }
    }
}
