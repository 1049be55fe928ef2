package descent.tensor;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Splits a loop over [0, n) into equal chunks run on the common fork-join pool and the calling
 * thread. An instance is prepared once per kernel and reused, so running it allocates nothing;
 * like the kernel that owns it, it must not run on two threads at once. Chunk boundaries depend
 * only on n, the grain and the number of ways, never on timing.
 */
final class Parallel {
    /**
     * Number of ways work is split: the processors available to the JVM, or fewer if the system
     * property {@code descent.threads} says so.
     */
    static final int WAYS = ways(System.getProperty("descent.threads"));

    static int ways(String limit) {
        int ways = Math.max(1, Math.min(ForkJoinPool.getCommonPoolParallelism() + 1,
                Runtime.getRuntime().availableProcessors()));
        if (limit != null) {
            int n;
            try {
                n = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("descent.threads must be a positive integer, not '" + limit + "'");
            }
            if (n < 1) {
                throw new IllegalArgumentException("descent.threads must be a positive integer, not " + n);
            }
            ways = Math.min(ways, n);
        }
        return ways;
    }

    /** The loop body over a sub-range. */
    @FunctionalInterface
    interface Body {
        void run(int lo, int hi);
    }

    private static final class Part extends RecursiveAction {
        private final Body body;
        private final int lo;
        private final int hi;

        Part(Body body, int lo, int hi) {
            this.body = body;
            this.lo = lo;
            this.hi = hi;
        }

        @Override
        protected void compute() {
            body.run(lo, hi);
        }
    }

    private final Body body;
    private final int firstEnd;
    private final Part[] parts;

    /**
     * Prepares a split of [0, n) for {@code body}; loops shorter than {@code grain} elements per
     * way run on the calling thread only.
     */
    Parallel(int n, int grain, Body body) {
        this.body = body;
        int ways = Math.max(1, Math.min(WAYS, n / Math.max(1, grain)));
        int chunk = (n + ways - 1) / ways;
        this.firstEnd = Math.min(n, chunk);
        this.parts = new Part[ways - 1];
        for (int w = 1; w < ways; w++) {
            parts[w - 1] = new Part(body, Math.min(n, w * chunk), Math.min(n, (w + 1) * chunk));
        }
    }

    /** True if this split uses more than the calling thread. */
    boolean isParallel() {
        return parts.length > 0;
    }

    /** Runs the loop. */
    void run() {
        for (Part p : parts) {
            p.reinitialize();
            p.fork();
        }
        body.run(0, firstEnd);
        for (Part p : parts) {
            p.join();
        }
    }
}
