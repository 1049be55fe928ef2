package descent.tensor;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a loop over [0, n) on the calling thread and on the common fork-join pool. The range is cut
 * into a few blocks per thread at fixed boundaries (they depend only on n, the grain and the number
 * of ways), and every participating thread claims the next unclaimed block until none is left. A
 * thread that starts late or loses its processor to another process therefore delays the loop by
 * at most the block it is working on, and a helper that never started is taken back, so the loop
 * never waits for a thread that is not running. An instance is prepared once per kernel and
 * reused, so running it allocates nothing; like the kernel that owns it, it must not run on two
 * threads at once.
 */
final class Parallel {
    /**
     * Number of ways work is split: the processors available to the JVM, or fewer if the system
     * property {@code descent.threads} says so.
     */
    static final int WAYS = ways(System.getProperty("descent.threads"));

    /** Blocks per participating thread: enough for a late thread to cost little, few enough to keep claims cheap. */
    static final int BLOCKS_PER_WAY = 4;

    /** Block boundaries fall on multiples of this many elements (whole vectors and cache lines). */
    private static final int ALIGN = 64;

    /** Spin-wait iterations (well under a millisecond) before waiting for a started helper by parking. */
    private static final int SPIN_LIMIT = 1 << 14;

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

    private final class Helper extends RecursiveAction {
        @Override
        protected void compute() {
            drain();
        }
    }

    private final Body body;
    private final int n;
    private final int block;
    private final int blocks;
    private final AtomicInteger next = new AtomicInteger();
    private final Helper[] helpers;

    /**
     * Prepares a split of [0, n) for {@code body}; loops shorter than {@code grain} elements per
     * way run on the calling thread only.
     */
    Parallel(int n, int grain, Body body) {
        this.body = body;
        this.n = n;
        int ways = Math.max(1, Math.min(WAYS, n / Math.max(1, grain)));
        if (ways == 1) {
            this.block = n;
            this.blocks = 1;
            this.helpers = new Helper[0];
            return;
        }
        int b = (n + ways * BLOCKS_PER_WAY - 1) / (ways * BLOCKS_PER_WAY);
        if (b > ALIGN) {
            b = (b + ALIGN - 1) / ALIGN * ALIGN;
        }
        this.block = b;
        this.blocks = (n + b - 1) / b;
        this.helpers = new Helper[ways - 1];
        for (int w = 0; w < helpers.length; w++) {
            helpers[w] = new Helper();
        }
    }

    /** True if this split uses more than the calling thread. */
    boolean isParallel() {
        return helpers.length > 0;
    }

    /** Number of blocks the range is cut into. */
    int blocks() {
        return blocks;
    }

    /** Runs the loop. */
    void run() {
        if (helpers.length == 0) {
            body.run(0, n);
            return;
        }
        next.set(0);
        for (Helper h : helpers) {
            h.reinitialize();
            h.fork();
        }
        drain();
        // Newest first: only the task on top of the queue can be taken back.
        for (int w = helpers.length - 1; w >= 0; w--) {
            Helper h = helpers[w];
            if (h.tryUnfork()) {
                continue;
            }
            for (int spins = 0; spins < SPIN_LIMIT && !h.isDone(); spins++) {
                Thread.onSpinWait();
            }
            h.join();
        }
    }

    private void drain() {
        for (int q = next.getAndIncrement(); q < blocks; q = next.getAndIncrement()) {
            int lo = q * block;
            body.run(lo, Math.min(n, lo + block));
        }
    }
}
