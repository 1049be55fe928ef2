package descent.spark;

import descent.optim.Minimize;
import descent.optim.Objective;
import descent.optim.Result;
import descent.pinn.Pinn;
import descent.tensor.Key;
import descent.tensor.ParamLayout;
import descent.tensor.Params;
import descent.tensor.Tensor;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A physics-informed network's loss with its collocation points spread over Spark partitions:
 * partition {@code p} draws its own points ({@link Pinn#points} from {@link #pointsKey}) and
 * estimator key ({@link #estimatorKey}) from the seed, evaluates the loss and its gradient on the
 * executor with a plan compiled once per JVM, and the driver averages the partitions' losses,
 * compensated: {@code L(theta) = (1/P) sum_p loss(theta, points_p, key_p)}. Since every term of
 * the loss is a mean over its points, with an exact operator this is the loss of all partitions'
 * points together on one machine. The points stay fixed, so every {@code descent.optim} method
 * (L-BFGS included) runs on it through {@link #minimize}.
 *
 * <pre>{@code
 * SparkPinn f = SparkPinn.of(sc, () -> Pinn.builder(Zoo.poisson2d(), Mlp.builder(2).hidden(32, 3).build()).points(256).build(), 8, 42);
 * Result r = f.minimize(Minimize.with(Methods.lbfgs()).steps(500), f.pinn().init(Key.of(0)));
 * }</pre>
 */
public final class SparkPinn implements Objective, AutoCloseable {
    private final String id = UUID.randomUUID().toString();
    private final JavaSparkContext sc;
    private final PinnSource source;
    private final Pinn pinn;
    private final ParamLayout layout;
    private final int partitions;
    private final long seed;
    private final JavaRDD<Integer> parts;
    private final java.util.concurrent.atomic.AtomicLong evaluations = new java.util.concurrent.atomic.AtomicLong();

    private SparkPinn(JavaSparkContext sc, PinnSource source, int partitions, long seed) {
        this.sc = sc;
        this.source = source;
        this.pinn = source.build();
        this.layout = layout(pinn);
        this.partitions = partitions;
        this.seed = seed;
        List<Integer> ids = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            ids.add(p);
        }
        this.parts = sc.parallelize(ids, partitions);
    }

    /**
     * The loss of the network {@code source} builds, with each of {@code partitions} partitions
     * drawing its own collocation points from {@code seed}.
     */
    public static SparkPinn of(JavaSparkContext sc, PinnSource source, int partitions, long seed) {
        if (sc == null || source == null) {
            throw new IllegalArgumentException("SparkPinn.of: needs a Spark context and a network source");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("SparkPinn.of: partitions must be >= 1, got " + partitions);
        }
        return new SparkPinn(sc, source, partitions, seed);
    }

    static ParamLayout layout(Pinn pinn) {
        return ParamLayout.of(pinn.init(Key.of(0)));
    }

    /** The key partition {@code p} draws its collocation points from. */
    public static Key pointsKey(long seed, int p) {
        return Key.of(seed).foldIn(p).foldIn(1);
    }

    /** The key of partition {@code p}'s stochastic estimators (STDE directions). */
    public static Key estimatorKey(long seed, int p) {
        return Key.of(seed).foldIn(p).foldIn(2);
    }

    /** The driver's copy of the network (for its initial parameters, predictions and errors). */
    public Pinn pinn() {
        return pinn;
    }

    /** Number of partitions. */
    public int partitions() {
        return partitions;
    }

    /** The collocation points partition {@code p} uses, one tensor per loss term (drawn on the driver the same way). */
    public Tensor[] points(int p) {
        return pinn.points(pointsKey(seed, p));
    }

    /** The key partition {@code p} passes to the loss. */
    public Key key(int p) {
        return estimatorKey(seed, p);
    }

    /** Minimizes the loss from {@code init}. */
    public Result minimize(Minimize m, Params<Tensor> init) {
        return m.run(this, init);
    }

    @Override
    public double valueAndGrad(double[] x, double[] grad) {
        if (x.length != layout.size() || grad.length != layout.size()) {
            throw new IllegalArgumentException("SparkPinn.valueAndGrad: vectors of " + x.length + " and " + grad.length + " elements for "
                    + layout.size() + " parameters");
        }
        Broadcast<double[]> w = sc.broadcast(x.clone());
        String objective = id;
        PinnSource s = source;
        long sd = seed;
        int n = layout.size();
        double scale = 1.0 / partitions;
        try {
            Compensated total = parts.map(p -> {
                Compensated c = new Compensated(n + 1);
                c.add(PinnWorker.of(objective, s, sd, p).valueAndGrad(w.value(), scale), p);
                return c;
            }).treeAggregate(new Compensated(n + 1), Compensated::merge, Compensated::merge, 2);
            long evaluation = evaluations.incrementAndGet();
            double[] t = total.total();
            if (total.badPartition >= 0) {
                throw new PartitionNonFiniteException(evaluation, -1, total.badPartition, total.badElement - 1, total.badValue,
                        total.badElement == 0 ? "the loss" : "the gradient");
            }
            System.arraycopy(t, 1, grad, 0, n);
            return t[0];
        } finally {
            w.destroy();
        }
    }

    /** Forgets the executors' networks and plans for this objective. */
    @Override
    public void close() {
        String objective = id;
        parts.foreach(p -> PinnWorker.clear(objective));
    }
}
