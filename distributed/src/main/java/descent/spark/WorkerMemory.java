package descent.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state of each partition's worker (error-feedback memory, momentum), kept in the executor
 * JVM that evaluates it. Each entry remembers the state before and after its last round, so a task
 * Spark runs again for the same round starts from the same state. A partition whose executor is
 * lost starts again from zero.
 */
final class WorkerMemory {
    private static final Map<String, Entry> MEMORY = new ConcurrentHashMap<>();

    private static final class Entry {
        long round;
        double[] before;
        double[] after;
    }

    private WorkerMemory() {
    }

    /** The memory to use in {@code round}: the state after round - 1 (or before {@code round} again, for a retried task). */
    static double[] at(String run, int partition, long round, int n) {
        double[] m = find(run, partition, round);
        return m == null ? new double[n] : m;
    }

    /** Like {@link #at}, but {@code null} when this JVM holds no state for the partition (never set, or lost with its executor). */
    static double[] find(String run, int partition, long round) {
        Entry e = MEMORY.get(run + "/" + partition);
        if (e == null) {
            return null;
        }
        synchronized (e) {
            double[] m = e.round == round ? e.before : e.after;
            return m == null ? null : m.clone();
        }
    }

    /** Records the memory after {@code round}, which started from {@code before}. */
    static void put(String run, int partition, long round, double[] before, double[] after) {
        Entry e = MEMORY.computeIfAbsent(run + "/" + partition, k -> new Entry());
        synchronized (e) {
            e.round = round;
            e.before = before;
            e.after = after;
        }
    }

    /** Forgets the memories of {@code run}. */
    static void clear(String run) {
        MEMORY.keySet().removeIf(k -> k.startsWith(run + "/"));
    }
}
