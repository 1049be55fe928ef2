package descent.spark;

import descent.optim.BatchObjective;
import descent.optim.HessianObjective;
import descent.optim.Minimize;
import descent.optim.Result;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A finite-sum objective over a Spark dataset of examples,
 * {@code f(w) = s * sum_i loss(w, row_i) + r(w)}, as a Descent {@link HessianObjective}: every
 * {@code descent.optim} method runs on it unchanged through {@link Minimize} on the driver.
 *
 * <p>The rows are packed once into one dense block per partition and cached on the executors. An
 * evaluation broadcasts {@code w}; each partition evaluates its rows' loss and gradient (or
 * Hessian-vector product) with the loss's compiled plan, cached per executor JVM, in chunks summed
 * with Neumaier's compensation; the driver combines the partition sums with {@code treeAggregate},
 * compensated too, so the result does not depend on the number of partitions beyond rounding. The
 * scale {@code s} is 1 or {@code 1/N} ({@link Builder#mean()}); the regularizer {@code r} runs on
 * the driver. A lost partition is recomputed by Spark from the dataset's lineage, with the same
 * result.
 *
 * <pre>{@code
 * SparkObjective f = SparkObjective.builder(rows, d + 1, d, Losses.logistic(d)).mean().regularizer(Losses.l2(1e-3)).build();
 * Result r = f.minimize(Minimize.with(Methods.lbfgs()), new double[d]);
 * f.close();
 * }</pre>
 */
public final class SparkObjective implements HessianObjective, AutoCloseable {
    private static final String WHO = "SparkObjective";

    private final String id = UUID.randomUUID().toString();
    private final JavaSparkContext sc;
    private final JavaRDD<Block> blocks;
    private final int n;
    private final ExampleLoss loss;
    private final int chunk;
    private final double scale;
    private final HessianObjective regularizer;
    private final int depth;
    private final long examples;
    private final long[] offsets;
    private final AtomicLong evaluations = new AtomicLong();
    private volatile long step = -1;

    private SparkObjective(Builder b) {
        this.n = b.parameters;
        this.loss = b.loss;
        this.chunk = b.chunk;
        this.regularizer = b.regularizer;
        this.depth = b.depth;
        this.sc = JavaSparkContext.fromSparkContext(b.rows.context());
        int width = b.width;
        String who = WHO;
        this.blocks = b.rows.mapPartitionsWithIndex((Integer p, Iterator<double[]> it) -> List.of(Block.of(who, p, it, width)).iterator(),
                true).persist(StorageLevel.MEMORY_ONLY());
        List<Integer> sizes = run(() -> blocks.map(bl -> bl.rows).collect());
        offsets = new long[sizes.size() + 1];
        for (int p = 0; p < sizes.size(); p++) {
            offsets[p + 1] = offsets[p] + sizes.get(p);
        }
        this.examples = offsets[sizes.size()];
        if (examples == 0) {
            blocks.unpersist(false);
            throw new IllegalArgumentException(WHO + ": the dataset is empty (" + sizes.size() + " partitions, no rows)");
        }
        this.scale = b.mean ? 1.0 / examples : 1.0;
    }

    /**
     * Starts an objective over {@code rows}, each an example of {@code width} values, with
     * {@code parameters} parameters and the per-block loss {@code loss}.
     */
    public static Builder builder(JavaRDD<double[]> rows, int width, int parameters, ExampleLoss loss) {
        return new Builder(rows, width, parameters, loss);
    }

    /**
     * Starts an objective over the numeric columns {@code columns} of {@code frame} (in that
     * order, each cast to double), as {@link #builder(JavaRDD, int, int, ExampleLoss)}. A null
     * reads as NaN, which {@link Builder#build()} refuses naming its partition, row and column.
     */
    public static Builder builder(Dataset<Row> frame, String[] columns, int parameters, ExampleLoss loss) {
        if (columns == null || columns.length == 0) {
            throw new IllegalArgumentException(WHO + ": needs at least one column");
        }
        org.apache.spark.sql.Column[] cols = new org.apache.spark.sql.Column[columns.length];
        for (int j = 0; j < columns.length; j++) {
            cols[j] = frame.col(columns[j]).cast("double");
        }
        int width = columns.length;
        JavaRDD<double[]> rows = frame.select(cols).javaRDD().map(r -> {
            double[] v = new double[width];
            for (int j = 0; j < width; j++) {
                v[j] = r.isNullAt(j) ? Double.NaN : r.getDouble(j);
            }
            return v;
        });
        return new Builder(rows, width, parameters, loss);
    }

    /** Options of a {@link SparkObjective}. */
    public static final class Builder {
        private final JavaRDD<double[]> rows;
        private final int width;
        private final int parameters;
        private final ExampleLoss loss;
        private boolean mean;
        private HessianObjective regularizer;
        private int chunk = 4096;
        private int depth = 2;

        private Builder(JavaRDD<double[]> rows, int width, int parameters, ExampleLoss loss) {
            if (rows == null || loss == null) {
                throw new IllegalArgumentException(WHO + ": needs a dataset and a loss");
            }
            if (width < 1 || parameters < 1) {
                throw new IllegalArgumentException(WHO + ": needs width >= 1 and parameters >= 1, got width " + width
                        + " and " + parameters + " parameters");
            }
            this.rows = rows;
            this.width = width;
            this.parameters = parameters;
            this.loss = loss;
        }

        /** The mean over the examples instead of the sum ({@code s = 1/N}). */
        public Builder mean() {
            this.mean = true;
            return this;
        }

        /** Adds {@code r(w)}, evaluated on the driver (for example {@link Losses#l2}). */
        public Builder regularizer(HessianObjective r) {
            if (r == null) {
                throw new IllegalArgumentException(WHO + ".regularizer: null");
            }
            this.regularizer = r;
            return this;
        }

        /** At most {@code rows} rows per run of the compiled plan on an executor (default 4096). */
        public Builder chunk(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException(WHO + ".chunk: must be >= 1, got " + rows);
            }
            this.chunk = rows;
            return this;
        }

        /** The depth of Spark's {@code treeAggregate} (default 2). */
        public Builder depth(int depth) {
            if (depth < 1) {
                throw new IllegalArgumentException(WHO + ".depth: must be >= 1, got " + depth);
            }
            this.depth = depth;
            return this;
        }

        /**
         * Packs and caches the partitions and counts the examples.
         *
         * @throws IllegalArgumentException if the dataset is empty, or naming the partition and row
         *         of a row of the wrong width or with a non-finite value
         */
        public SparkObjective build() {
            return new SparkObjective(this);
        }
    }

    /** Number of parameters. */
    public int parameters() {
        return n;
    }

    /** Number of examples {@code N}. */
    public long examples() {
        return examples;
    }

    /** Number of partitions. */
    public int partitions() {
        return offsets.length - 1;
    }

    /** Number of distributed evaluations so far (value and gradient, or Hessian-vector product). */
    public long evaluations() {
        return evaluations.get();
    }

    /** Bytes of one broadcast of the parameter vector or of a reduced gradient: {@code 8 n}. */
    public long vectorBytes() {
        return 8L * n;
    }

    /**
     * Runs {@code m} on this objective from {@code x0}; a non-finite partition sum then names the
     * optimizer step as well as the partition.
     */
    public Result minimize(Minimize m, double[] x0) {
        step = 0;
        m.every(1, p -> step = p.step());
        try {
            return m.run(this, x0);
        } finally {
            step = -1;
        }
    }

    /** The mini-batch view of this objective, for {@link Minimize#batches} with Adam and other transforms. */
    public BatchObjective batched() {
        return new SparkBatches(this);
    }

    @Override
    public double valueAndGrad(double[] x, double[] grad) {
        check("valueAndGrad", x, grad);
        Broadcast<double[]> w = sc.broadcast(x.clone());
        String objective = id;
        ExampleLoss l = loss;
        int params = n;
        int rows = chunk;
        double s = scale;
        try {
            Compensated total = run(() -> blocks.map(b -> PartitionEvaluator.of(objective, l, b, params, rows).valueAndGrad(w.value(), s))
                    .treeAggregate(new Compensated(params + 1), Compensated::merge, Compensated::merge, depth));
            return finish(x, total, grad);
        } finally {
            w.destroy();
        }
    }

    @Override
    public void hvp(double[] x, double[] v, double[] out) {
        check("hvp", x, v);
        check("hvp", x, out);
        Broadcast<double[][]> wv = sc.broadcast(new double[][] {x.clone(), v.clone()});
        String objective = id;
        ExampleLoss l = loss;
        int params = n;
        int rows = chunk;
        double s = scale;
        try {
            Compensated total = run(() -> blocks.map(b -> b.rows == 0 ? new Compensated(params)
                            : PartitionEvaluator.of(objective, l, b, params, rows).hvp(wv.value()[0], wv.value()[1], s))
                    .treeAggregate(new Compensated(params), Compensated::merge, Compensated::merge, depth));
            evaluations.incrementAndGet();
            double[] t = total.total();
            if (total.badPartition >= 0) {
                throw nonFinite("a Hessian-vector product", total, total.badElement);
            }
            if (regularizer != null) {
                double[] r = new double[n];
                regularizer.hvp(x, v, r);
                for (int i = 0; i < n; i++) {
                    t[i] += r[i];
                }
            }
            System.arraycopy(t, 0, out, 0, n);
        } finally {
            wv.destroy();
        }
    }

    /** Value and gradient of the examples {@code batch} (global indices), for {@link SparkBatches}. */
    double batchValueAndGrad(double[] x, int[] batch, double[] grad) {
        check("valueAndGrad", x, grad);
        int[] sorted = batch.clone();
        Arrays.sort(sorted);
        for (int i : new int[] {sorted[0], sorted[sorted.length - 1]}) {
            if (i < 0 || i >= examples) {
                throw new IndexOutOfBoundsException(WHO + ": example " + i + " outside [0, " + examples + ")");
            }
        }
        Broadcast<double[]> w = sc.broadcast(x.clone());
        Broadcast<int[]> picked = sc.broadcast(sorted);
        long[] starts = offsets;
        String objective = id;
        ExampleLoss l = loss;
        int params = n;
        int rows = chunk;
        double s = scale == 1.0 ? 1.0 : 1.0 / batch.length;
        try {
            Compensated total = run(() -> blocks.map(b -> {
                int[] local = localRows(picked.value(), starts[b.partition], b.rows);
                return local.length == 0 ? new Compensated(params + 1)
                        : PartitionEvaluator.of(objective, l, b, params, rows).valueAndGrad(w.value(), local, s);
            }).treeAggregate(new Compensated(params + 1), Compensated::merge, Compensated::merge, depth));
            return finish(x, total, grad);
        } finally {
            w.destroy();
            picked.destroy();
        }
    }

    /** The rows of {@code sorted} (global indices) that fall in {@code [offset, offset + rows)}, made local. */
    private static int[] localRows(int[] sorted, long offset, int rows) {
        int from = lowerBound(sorted, offset);
        int to = lowerBound(sorted, offset + rows);
        int[] local = new int[to - from];
        for (int i = from; i < to; i++) {
            local[i - from] = (int) (sorted[i] - offset);
        }
        return local;
    }

    private static int lowerBound(int[] a, long key) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private double finish(double[] x, Compensated total, double[] grad) {
        evaluations.incrementAndGet();
        double[] t = total.total();
        if (total.badPartition >= 0) {
            throw nonFinite(total.badElement == 0 ? "the loss" : "the gradient", total, total.badElement - 1);
        }
        double value = t[0];
        System.arraycopy(t, 1, grad, 0, n);
        if (regularizer != null) {
            double[] r = new double[n];
            value += regularizer.valueAndGrad(x, r);
            for (int i = 0; i < n; i++) {
                grad[i] += r[i];
            }
        }
        return value;
    }

    private PartitionNonFiniteException nonFinite(String what, Compensated total, int element) {
        return new PartitionNonFiniteException(evaluations.get(), step, total.badPartition, element, total.badValue, what);
    }

    private void check(String op, double[] x, double[] other) {
        if (x == null || other == null || x.length != n || other.length != n) {
            throw new IllegalArgumentException(WHO + "." + op + ": vectors of " + (x == null ? "null" : x.length) + " and "
                    + (other == null ? "null" : other.length) + " elements for " + n + " parameters");
        }
    }

    /** Runs a Spark job, rethrowing the error a task raised (with the partition and row it names) as itself. */
    private static <T> T run(java.util.function.Supplier<T> job) {
        try {
            return job.get();
        } catch (Exception e) {
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof IllegalArgumentException) {
                    throw new IllegalArgumentException(c.getMessage(), e);
                }
            }
            throw e instanceof RuntimeException ? (RuntimeException) e : new IllegalStateException(WHO + ": " + e.getMessage(), e);
        }
    }

    /** The cached blocks, one per partition. */
    JavaRDD<Block> blocks() {
        return blocks;
    }

    /** What a task needs to evaluate a block of this objective on an executor. */
    Evaluation evaluation() {
        return new Evaluation(id, loss, n, chunk, scale, examples);
    }

    /** Whether a regularizer runs on the driver. */
    boolean hasRegularizer() {
        return regularizer != null;
    }

    JavaSparkContext context() {
        return sc;
    }

    /** Releases the cached blocks on the executors. */
    @Override
    public void close() {
        blocks.unpersist(false);
    }

}
