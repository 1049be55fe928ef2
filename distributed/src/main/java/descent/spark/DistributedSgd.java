package descent.spark;

import descent.optim.Schedule;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;

import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Communication-efficient first-order methods over a {@link SparkObjective}'s partitions, each
 * partition acting as one worker and the driver as the server. Every round the driver broadcasts
 * the parameters {@code x_t} ({@code 8 n} bytes to each worker); what the workers send back is
 * compressed, and {@link Rounds} counts both directions per round.
 * <ul>
 * <li>{@link #signMajority}: signSGD with majority vote (Bernstein et al., 2019). Worker {@code p}
 * sends {@code sign(g_p)}, the signs of its partition's gradient ({@code ceil(n/8)} bytes); the
 * driver steps {@code x -= lr_t sign(sum_p sign(g_p))} (a tie votes 0).</li>
 * <li>{@link #signumMajority}: the same vote on the signs of each worker's momentum
 * {@code m_p = beta m_p + (1 - beta) g_p} (Signum with majority vote; with {@link #batches},
 * dist-SignRVM).</li>
 * <li>{@link #signRvr}: dist-SignRVR (Qin, Liu and Xu, 2023, the distributed form of their
 * Algorithm SignRVR), the vote on the signs of SVRG-style variance-reduced gradients under random
 * reshuffling. When worker {@code p}'s epoch starts (round {@code t} with {@code t mod B_p = 0},
 * {@code B_p} batches per epoch) it keeps the snapshot {@code x~_p = x_t} and its full share
 * {@code G_p = g_p(x~_p)}; in every round it sends the signs of
 * {@code v_p = g_p^B(x_t) - g_p^B(x~_p) + G_p}, where {@code g_p^B} is the estimate of its share
 * from the round's reshuffled mini-batch {@code B} (so {@code v_p = G_p} at an epoch's start). The
 * driver steps {@code x -= lr_t sign(sum_p sign(v_p))} as for signSGD. The snapshot gradient is the
 * worker's own ({@code ceil(n/8)} bytes per round, as for dist-SignRR), at the price of one pass
 * over the partition per epoch and two mini-batch gradients per round. A worker whose executor was
 * lost takes the round's point as its snapshot.</li>
 * <li>{@link #errorFeedback}: compressed gradients with error feedback (EF-SGD, Karimireddy et al.,
 * 2019; Stich et al., 2018). Worker {@code p} forms {@code u = lr_t g_p + e_p}, sends {@code C(u)}
 * and keeps {@code e_p = u - C(u)}; the driver steps {@code x -= sum_p C(u_p)}. Here {@code g_p}
 * is partition {@code p}'s share of the gradient, so {@code sum_p g_p} is the full gradient and
 * {@link Compressor#none()} is plain gradient descent. The partitions' gradients do not vanish at
 * the optimum, so with a constant step this circles the optimum at a distance that shrinks with
 * the step.</li>
 * <li>{@link #ef21}: EF21 (Richtárik, Sokolov and Fatkhullin, 2021), which converges with a
 * constant step however the partitions differ. Worker {@code p} keeps an estimate {@code h_p} of
 * its gradient share, sends {@code c_p = C(g_p - h_p)} and sets {@code h_p += c_p}; the driver
 * keeps {@code h = sum_p h_p} by adding the messages and steps {@code x -= lr_t h}.</li>
 * <li>{@link #eControl}: EControl (Gao, Islamov and Stich, ICLR 2024, Algorithm 1), error
 * feedback whose strength the control parameter {@code eta} sets. Worker {@code p} keeps an
 * estimate {@code h_p} of its gradient share and an error {@code e_p}, sends
 * {@code D_p = C(eta e_p + g_p - h_p)}, and sets {@code e_p += g_p - h_p - D_p} and
 * {@code h_p += D_p}; the driver keeps {@code h = sum_p h_p} and steps
 * {@code x -= lr_t (h + sum_p D_p)} (the new {@code h}). Both start from 0 rather than the paper's
 * {@code h_p = g_p(x_0)}, so that every round sends only compressed messages; {@code eta = 0} is
 * EF21. With a constant step, {@code x_t - lr sum_p e_p} moves by exactly {@code -lr g(x_t)} each
 * round, as error feedback's virtual iterate does, and a fixed point has {@code e_p = 0} and
 * {@code h_p = g_p(x*)}; the paper proves linear convergence on strongly convex objectives for a
 * suitable constant step and {@code eta}, with no bound on how the partitions differ.</li>
 * <li>{@link #localSgd}: local SGD / federated averaging (McMahan et al., 2017). Worker {@code p}
 * takes {@code H} SGD steps on mini-batches of its own rows (drawn from the seed, the round and
 * the partition) and sends its parameters ({@code 8 n} bytes); the driver averages them weighted
 * by the partitions' row counts.</li>
 * </ul>
 * With {@link #batches}, signSGD and error feedback use stochastic gradients: in round {@code t}
 * worker {@code p} takes the next mini-batch of a random reshuffling of its rows (a new permutation
 * every epoch, drawn from the seed, the epoch and the partition), so signSGD with majority vote
 * becomes dist-SignRR (Qin, Liu and Xu, 2023).
 *
 * <p>Each worker also sends its loss at {@code x_t} (8 bytes) for the history (with mini-batches,
 * the batch's estimate of it). Objectives with a regularizer on the driver are refused: put the
 * penalty into the example loss instead.
 */
public final class DistributedSgd {
    private enum Kind {
        SIGN_MAJORITY, SIGNUM_MAJORITY, SIGN_RVR, ERROR_FEEDBACK, EF21, ECONTROL, LOCAL_SGD
    }

    private final Kind kind;
    private final Schedule lr;
    private double beta;
    private double eta;
    private final Compressor compressor;
    private final int localSteps;
    private int batchSize;
    private long seed;

    private DistributedSgd(Kind kind, Schedule lr, Compressor compressor, int localSteps, int batchSize) {
        if (lr == null) {
            throw new IllegalArgumentException("DistributedSgd: the learning rate schedule is null");
        }
        this.kind = kind;
        this.lr = lr;
        this.compressor = compressor;
        this.localSteps = localSteps;
        this.batchSize = batchSize;
    }

    /** signSGD with majority vote, with step {@code lr.at(t)} in round {@code t}. */
    public static DistributedSgd signMajority(Schedule lr) {
        return new DistributedSgd(Kind.SIGN_MAJORITY, lr, Compressor.sign(), 0, 0);
    }

    /** Majority vote on the signs of the workers' momenta {@code m_p = beta m_p + (1 - beta) g_p} (starting from 0). */
    public static DistributedSgd signumMajority(Schedule lr, double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException("DistributedSgd.signumMajority: beta must be in [0, 1), got " + beta);
        }
        DistributedSgd m = new DistributedSgd(Kind.SIGNUM_MAJORITY, lr, Compressor.sign(), 0, 0);
        m.beta = beta;
        return m;
    }

    /**
     * dist-SignRVR: majority vote on the signs of variance-reduced gradients from reshuffled
     * mini-batches of {@code batchSize} rows, with a snapshot per epoch of each worker's rows.
     */
    public static DistributedSgd signRvr(Schedule lr, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("DistributedSgd.signRvr: batchSize must be >= 1, got " + batchSize);
        }
        return new DistributedSgd(Kind.SIGN_RVR, lr, Compressor.sign(), 0, batchSize);
    }

    /** Gradient descent with the workers' messages compressed by {@code compressor}, with error feedback. */
    public static DistributedSgd errorFeedback(Compressor compressor, Schedule lr) {
        if (compressor == null) {
            throw new IllegalArgumentException("DistributedSgd.errorFeedback: the compressor is null");
        }
        return new DistributedSgd(Kind.ERROR_FEEDBACK, lr, compressor, 0, 0);
    }

    /** EF21 with the workers' messages compressed by {@code compressor}. */
    public static DistributedSgd ef21(Compressor compressor, Schedule lr) {
        if (compressor == null) {
            throw new IllegalArgumentException("DistributedSgd.ef21: the compressor is null");
        }
        return new DistributedSgd(Kind.EF21, lr, compressor, 0, 0);
    }

    /** EControl with the workers' messages compressed by {@code compressor} and the feedback strength {@code eta} in [0, 1]. */
    public static DistributedSgd eControl(Compressor compressor, Schedule lr, double eta) {
        if (compressor == null) {
            throw new IllegalArgumentException("DistributedSgd.eControl: the compressor is null");
        }
        if (!(eta >= 0 && eta <= 1)) {
            throw new IllegalArgumentException("DistributedSgd.eControl: eta must be in [0, 1], got " + eta);
        }
        DistributedSgd m = new DistributedSgd(Kind.ECONTROL, lr, compressor, 0, 0);
        m.eta = eta;
        return m;
    }

    /** Local SGD: {@code localSteps} steps on mini-batches of {@code batchSize} rows per worker and round, then averaging. */
    public static DistributedSgd localSgd(Schedule lr, int localSteps, int batchSize) {
        if (localSteps < 1 || batchSize < 1) {
            throw new IllegalArgumentException("DistributedSgd.localSgd: needs localSteps >= 1 and batchSize >= 1, got " + localSteps
                    + " and " + batchSize);
        }
        return new DistributedSgd(Kind.LOCAL_SGD, lr, Compressor.none(), localSteps, batchSize);
    }

    /**
     * Mini-batches of {@code size} rows per worker and round, by random reshuffling, for the
     * sign methods, {@link #errorFeedback}, {@link #ef21} and {@link #eControl} (which use whole
     * partitions without it).
     */
    public DistributedSgd batches(int size) {
        if (kind == Kind.LOCAL_SGD || size < 1) {
            throw new IllegalArgumentException("DistributedSgd.batches: needs a size >= 1 and a method other than localSgd, got "
                    + size + " for " + kind.name().toLowerCase(java.util.Locale.ROOT));
        }
        this.batchSize = size;
        return this;
    }

    /** The seed of the random choices (random-k indices, mini-batches); 0 by default. */
    public DistributedSgd seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The payload bytes one worker sends per round for {@code n} parameters (its message and 8 bytes of loss). */
    public long uplinkBytesPerWorker(int n) {
        return compressor.bytes(n) + 8;
    }

    /**
     * Runs {@code rounds} rounds from {@code x0} (not modified).
     *
     * @throws IllegalArgumentException if the objective has a driver-side regularizer or {@code x0} has the wrong length
     * @throws PartitionNonFiniteException naming the round (as the step) and the partition if a worker's loss or gradient is not finite
     */
    public Rounds run(SparkObjective f, double[] x0, int rounds) {
        String who = "DistributedSgd(" + kind.name().toLowerCase(java.util.Locale.ROOT) + ")";
        if (f.hasRegularizer()) {
            throw new IllegalArgumentException(who + ": the objective has a regularizer on the driver; put the penalty into the example loss");
        }
        int n = f.parameters();
        if (x0 == null || x0.length != n) {
            throw new IllegalArgumentException(who + ": a start point of " + (x0 == null ? "null" : x0.length) + " elements for "
                    + n + " parameters");
        }
        if (rounds < 0) {
            throw new IllegalArgumentException(who + ": rounds must be >= 0, got " + rounds);
        }
        long started = System.nanoTime();
        String run = UUID.randomUUID().toString();
        Evaluation ev = f.evaluation();
        JavaRDD<Block> blocks = f.blocks();
        double[] x = x0.clone();
        double[] estimate = new double[n];
        double[] losses = new double[rounds];
        long[] up = new long[rounds];
        long[] down = new long[rounds];
        Kind k = kind;
        Compressor c = compressor;
        double momentum = beta;
        double control = eta;
        int steps = localSteps;
        int batch = batchSize;
        long s = seed;
        try {
            for (int t = 0; t < rounds; t++) {
                long round = t;
                double rate = lr.at(t);
                Broadcast<double[]> xb = f.context().broadcast(x.clone());
                List<Reply> replies;
                try {
                    replies = blocks.map(b -> work(k, c, ev, b, xb.value(), rate, momentum, control, round, run, s, steps, batch))
                            .collect();
                } finally {
                    xb.destroy();
                }
                double loss = 0;
                double[] sum = new double[n];
                List<Message> signs = new java.util.ArrayList<>(replies.size());
                for (Reply r : replies) {
                    if (r.bad != -1) {
                        throw new PartitionNonFiniteException(t + 1L, t, r.partition, r.bad == -2 ? -1 : r.bad, r.badValue,
                                r.bad == -2 ? "the loss" : "the gradient");
                    }
                    loss += r.value;
                    up[t] += r.bytes();
                    down[t] += 8L * n;
                    switch (k) {
                        case LOCAL_SGD -> r.message.addTo((double) r.rows / ev.examples, sum);
                        case SIGN_MAJORITY, SIGNUM_MAJORITY, SIGN_RVR -> signs.add(r.message);
                        default -> r.message.addTo(1, sum);
                    }
                }
                losses[t] = loss;
                int[] vote = signs.isEmpty() ? null : majority(signs);
                for (int i = 0; i < n; i++) {
                    switch (k) {
                        case ERROR_FEEDBACK -> x[i] -= sum[i];
                        case EF21, ECONTROL -> {
                            estimate[i] += sum[i];
                            x[i] -= rate * estimate[i];
                        }
                        case LOCAL_SGD -> x[i] = sum[i];
                        default -> x[i] -= rate * vote[i];
                    }
                }
            }
        } finally {
            if (kind != Kind.SIGN_MAJORITY && kind != Kind.LOCAL_SGD) {
                blocks.foreach(b -> WorkerMemory.clear(run));
            }
        }
        double value = f.valueAndGrad(x, new double[n]);
        return new Rounds(x, value, losses, up, down, System.nanoTime() - started);
    }

    /**
     * The majority vote of sign messages: {@code +1} where more of them are positive than not,
     * {@code -1} where fewer, 0 on a tie; counted in integers, so exact for any number of voters.
     */
    static int[] majority(List<Message> signs) {
        int n = signs.get(0).length();
        int[] count = new int[n];
        for (Message m : signs) {
            for (int i = 0; i < n; i++) {
                if (m.positive(i)) {
                    count[i]++;
                }
            }
        }
        int[] vote = new int[n];
        for (int i = 0; i < n; i++) {
            vote[i] = Integer.signum(2 * count[i] - signs.size());
        }
        return vote;
    }

    /** One worker's round on its block. */
    private static Reply work(Kind kind, Compressor c, Evaluation ev, Block b, double[] x, double rate, double beta, double eta, long round,
            String run, long seed, int steps, int batch) {
        int n = x.length;
        PartitionEvaluator pe = ev.on(b);
        double[] total;
        if (kind == Kind.SIGN_RVR && b.rows > 0) {
            total = varianceReduced(ev, pe, b, x, round, run, seed, batch);
        } else if (kind != Kind.LOCAL_SGD && batch > 0 && b.rows > 0) {
            int[] rows = reshuffledBatch(seed, round, b.partition, b.rows, batch);
            total = pe.valueAndGrad(x, rows, ev.scale * b.rows / rows.length).total();
        } else {
            total = pe.valueAndGrad(x, ev.scale).total();
        }
        double value = total[0];
        if (!Double.isFinite(value)) {
            return new Reply(b.partition, b.rows, value, null, -2, value);
        }
        double[] g = java.util.Arrays.copyOfRange(total, 1, n + 1);
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(g[i])) {
                return new Reply(b.partition, b.rows, value, null, i, g[i]);
            }
        }
        switch (kind) {
            case SIGN_MAJORITY:
            case SIGN_RVR:
                return new Reply(b.partition, b.rows, value, c.compress(g, 0), -1, 0);
            case SIGNUM_MAJORITY: {
                double[] before = WorkerMemory.at(run, b.partition, round, n);
                double[] m = new double[n];
                for (int i = 0; i < n; i++) {
                    m[i] = beta * before[i] + (1 - beta) * g[i];
                }
                WorkerMemory.put(run, b.partition, round, before, m);
                return new Reply(b.partition, b.rows, value, c.compress(m, 0), -1, 0);
            }
            case ERROR_FEEDBACK: {
                double[] before = WorkerMemory.at(run, b.partition, round, n);
                double[] u = new double[n];
                for (int i = 0; i < n; i++) {
                    u[i] = rate * g[i] + before[i];
                }
                Message m = c.compress(u, mix(seed, round, b.partition, 0) | 1);
                double[] after = u.clone();
                m.addTo(-1, after);
                WorkerMemory.put(run, b.partition, round, before, after);
                return new Reply(b.partition, b.rows, value, m, -1, 0);
            }
            case EF21: {
                double[] before = WorkerMemory.at(run, b.partition, round, n);
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = g[i] - before[i];
                }
                Message m = c.compress(d, mix(seed, round, b.partition, 0) | 1);
                double[] after = before.clone();
                m.addTo(1, after);
                WorkerMemory.put(run, b.partition, round, before, after);
                return new Reply(b.partition, b.rows, value, m, -1, 0);
            }
            case ECONTROL: {
                double[] before = WorkerMemory.at(run, b.partition, round, 2 * n);
                double[] u = new double[n];
                for (int i = 0; i < n; i++) {
                    u[i] = eta * before[i] + g[i] - before[n + i];
                }
                Message m = c.compress(u, mix(seed, round, b.partition, 0) | 1);
                double[] delta = new double[n];
                m.addTo(1, delta);
                double[] after = new double[2 * n];
                for (int i = 0; i < n; i++) {
                    after[i] = before[i] + g[i] - before[n + i] - delta[i];
                    after[n + i] = before[n + i] + delta[i];
                }
                WorkerMemory.put(run, b.partition, round, before, after);
                return new Reply(b.partition, b.rows, value, m, -1, 0);
            }
            default: {
                double[] local = x.clone();
                if (b.rows > 0) {
                    double batchScale = ev.scale * ev.examples / batch;
                    int[] idx = new int[batch];
                    for (int h = 0; h < steps; h++) {
                        SplittableRandom r = new SplittableRandom(mix(seed, round, b.partition, h));
                        for (int j = 0; j < batch; j++) {
                            idx[j] = r.nextInt(b.rows);
                        }
                        double[] step = pe.valueAndGrad(local, idx, batchScale).total();
                        for (int i = 0; i < n; i++) {
                            if (!Double.isFinite(step[i + 1])) {
                                return new Reply(b.partition, b.rows, value, null, i, step[i + 1]);
                            }
                            local[i] -= rate * step[i + 1];
                        }
                    }
                }
                return new Reply(b.partition, b.rows, value, Message.dense(local), -1, 0);
            }
        }
    }

    /**
     * dist-SignRVR's {@code [loss, v_p]} for worker {@code p} in {@code round}. Its memory holds
     * {@code [x~_p, G_p]}: set at the epoch's first round (or when this JVM lost it), read after.
     */
    private static double[] varianceReduced(Evaluation ev, PartitionEvaluator pe, Block b, double[] x, long round, String run, long seed,
            int batch) {
        int n = x.length;
        long perEpoch = (b.rows + batch - 1) / batch;
        double[] snapshot = WorkerMemory.find(run, b.partition, round);
        if (round % perEpoch == 0 || snapshot == null) {
            double[] total = pe.valueAndGrad(x, ev.scale).total();
            double[] after = new double[2 * n];
            System.arraycopy(x, 0, after, 0, n);
            System.arraycopy(total, 1, after, n, n);
            WorkerMemory.put(run, b.partition, round, snapshot, after);
            return total;
        }
        int[] rows = reshuffledBatch(seed, round, b.partition, b.rows, batch);
        double s = ev.scale * b.rows / rows.length;
        double[] total = pe.valueAndGrad(x, rows, s).total();
        double[] there = pe.valueAndGrad(java.util.Arrays.copyOf(snapshot, n), rows, s).total();
        for (int i = 0; i < n; i++) {
            total[i + 1] += snapshot[n + i] - there[i + 1];
        }
        return total;
    }

    /**
     * The rows of partition {@code p}'s mini-batch in {@code round}: batch {@code round mod B} of
     * the permutation of epoch {@code round / B}, with {@code B = ceil(rows / size)} batches per epoch
     * (the last one shorter when {@code size} does not divide {@code rows}).
     */
    static int[] reshuffledBatch(long seed, long round, int p, int rows, int size) {
        long perEpoch = (rows + size - 1) / size;
        long epoch = round / perEpoch;
        int j = (int) (round % perEpoch);
        int[] perm = Message.seededIndices(rows, rows, mix(seed, epoch, p, -1));
        return java.util.Arrays.copyOfRange(perm, j * size, Math.min(rows, (j + 1) * size));
    }

    private static long mix(long seed, long round, int partition, int step) {
        long h = seed * 0x9E3779B97F4A7C15L + round * 0xBF58476D1CE4E5B9L + partition * 0x94D049BB133111EBL + step;
        h ^= h >>> 31;
        return h * 0xD6E8FEB86659FD93L;
    }
}
