package descent.ad;

import descent.internal.plan.Plan;
import descent.internal.trace.Fingerprint;
import descent.internal.trace.Graph;
import descent.tensor.Shape;
import descent.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A function's compiled plans, one per combination of argument shapes, least recently used first
 * out beyond a limit. Concurrent callers of a shape that is being compiled wait for that one
 * compilation. Each entry runs on any number of threads at once: the first caller uses the entry's
 * plan, others (and calls that re-enter the same function from inside a custom op) use further
 * instances compiled from the same graph, kept for reuse.
 */
final class PlanCache {
    record Key(List<Shape> shapes, boolean nanCheck) {
    }

    /** A traced graph, the fingerprint of the code that traced it, and its plan instances. */
    static final class Entry {
        private final Graph graph;
        private final Fingerprint fingerprint;
        private final Plan primary;
        private final boolean nanCheck;
        private final AtomicBoolean primaryBusy = new AtomicBoolean();
        private final ConcurrentLinkedQueue<Plan> spares = new ConcurrentLinkedQueue<>();

        Entry(Graph graph, Fingerprint fingerprint, Plan primary) {
            this.graph = graph;
            this.fingerprint = fingerprint;
            this.primary = primary;
            this.nanCheck = primary.checksNaN();
        }

        Fingerprint fingerprint() {
            return fingerprint;
        }

        Graph graph() {
            return graph;
        }

        Plan primary() {
            return primary;
        }

        /** A plan instance no other run is using; give it back with {@link #release}. */
        Plan acquire() {
            if (primaryBusy.compareAndSet(false, true)) {
                return primary;
            }
            Plan p = spares.poll();
            return p != null ? p : Plan.compile(graph, nanCheck);
        }

        void release(Plan p) {
            if (p == primary) {
                primaryBusy.set(false);
            } else {
                spares.offer(p);
            }
        }

        Tensor[] run(Tensor[] args) {
            Plan p = acquire();
            try {
                return p.run(args);
            } finally {
                release(p);
            }
        }

        void runInto(double[][] in, int[] inOffsets, double[][] out, int[] outOffsets) {
            Plan p = acquire();
            try {
                p.runInto(in, inOffsets, out, outOffsets);
            } finally {
                release(p);
            }
        }

        void runInto(Tensor[] args, double[][] out) {
            Plan p = acquire();
            try {
                p.runInto(args, out);
            } finally {
                release(p);
            }
        }
    }

    private final int limit;
    private final LinkedHashMap<Key, CompletableFuture<Entry>> map = new LinkedHashMap<>(16, 0.75f, true);

    PlanCache(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("descent.planCache must be at least 1, got " + limit);
        }
        this.limit = limit;
    }

    /** The entry for {@code key} if compiled (waiting for a compilation in progress), else null. */
    Entry get(Key key) {
        CompletableFuture<Entry> f;
        synchronized (this) {
            f = map.get(key);
        }
        return f == null ? null : join(f, key);
    }

    /** The entry for {@code key}, compiling it with {@code make} unless it exists or is being compiled. */
    Entry computeIfAbsent(Key key, Supplier<Entry> make) {
        CompletableFuture<Entry> mine = new CompletableFuture<>();
        CompletableFuture<Entry> existing;
        synchronized (this) {
            existing = map.get(key);
            if (existing == null) {
                map.put(key, mine);
                while (map.size() > limit) {
                    Map.Entry<Key, CompletableFuture<Entry>> eldest = map.entrySet().iterator().next();
                    map.remove(eldest.getKey());
                }
            }
        }
        if (existing != null) {
            return join(existing, key);
        }
        try {
            Entry e = make.get();
            mine.complete(e);
            return e;
        } catch (RuntimeException | Error t) {
            synchronized (this) {
                map.remove(key, mine);
            }
            mine.completeExceptionally(t);
            throw t;
        }
    }

    private Entry join(CompletableFuture<Entry> f, Key key) {
        try {
            return f.join();
        } catch (CompletionException e) {
            synchronized (this) {
                map.remove(key, f);
            }
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        }
    }

    /** Removes {@code key} if it still maps to {@code e}. */
    synchronized void remove(Key key, Entry e) {
        CompletableFuture<Entry> f = map.get(key);
        if (f != null && f.isDone() && !f.isCompletedExceptionally() && f.join() == e) {
            map.remove(key);
        }
    }

    synchronized int size() {
        return map.size();
    }

    synchronized void clear() {
        map.clear();
    }
}
