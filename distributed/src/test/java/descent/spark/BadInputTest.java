package descent.spark;

import descent.optim.Minimize;
import descent.optim.Optimizers;
import descent.tensor.Value;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Errors that name the operation, the partition and the row or step. */
class BadInputTest {
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = LocalSpark.start("local[2]", "BadInputTest");
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    /** Three partitions of ten rows each, the row {@code [c]} in partition p being {@code [values[p]]}. */
    private static JavaRDD<double[]> threePartitions(double... values) {
        List<double[]> rows = new ArrayList<>();
        for (double v : values) {
            for (int i = 0; i < 10; i++) {
                rows.add(new double[] {v});
            }
        }
        return sc.parallelize(rows, 3);
    }

    @Test
    void anEmptyDatasetIsRefused() {
        JavaRDD<double[]> empty = sc.parallelize(Collections.<double[]>emptyList(), 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkObjective.builder(empty, 3, 2, Losses.logistic(2)).build());
        assertTrue(e.getMessage().contains("SparkObjective: the dataset is empty (3 partitions, no rows)"), e.getMessage());
    }

    @Test
    void aRowOfTheWrongWidthIsNamedByPartitionAndRow() {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(i == 17 ? new double[] {1, 2} : new double[] {1, 2, 1});
        }
        JavaRDD<double[]> data = sc.parallelize(rows, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkObjective.builder(data, 3, 2, Losses.logistic(2)).build());
        assertTrue(e.getMessage().startsWith("SparkObjective: partition 1 row 7 has 2 values, expected the width 3"), e.getMessage());
    }

    @Test
    void aNonFiniteValueInTheDataIsNamedByPartitionRowAndColumn() {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(new double[] {1, i == 25 ? Double.NaN : 2, 1});
        }
        JavaRDD<double[]> data = sc.parallelize(rows, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkObjective.builder(data, 3, 2, Losses.logistic(2)).build());
        assertTrue(e.getMessage().startsWith("SparkObjective: partition 2 row 5 column 1 is NaN"), e.getMessage());
    }

    /**
     * Each row's loss is {@code (w - 3)^2 / 2 + 0 * sqrt(w - c)}: from {@code w = 5}, gradient
     * descent with rate 1/2 steps to {@code w = 4}, where the rows {@code c = 4} of partition 1
     * alone have the derivative {@code 0 * inf = NaN}.
     */
    @Test
    void aNaNInOnePartitionsGradientNamesTheStepAndThePartition() {
        ExampleLoss loss = (w, rows) -> {
            Value c = rows.reshape(-1);
            return w.sub(3).square().mul(0.5).add(w.sub(c).sqrt().mul(0)).sum();
        };
        try (SparkObjective f = SparkObjective.builder(threePartitions(0, 4, 0), 1, 1, loss).mean().build()) {
            PartitionNonFiniteException e = assertThrows(PartitionNonFiniteException.class,
                    () -> f.minimize(Minimize.with(Optimizers.sgd(0.5)).steps(10), new double[] {5}));
            assertEquals(1, e.step());
            assertEquals(1, e.partition());
            assertEquals(0, e.element());
            assertEquals("SparkObjective: step 1, evaluation 2: partition 1 gave the gradient element 0 = NaN", e.getMessage());
        }
    }

    @Test
    void vectorsOfTheWrongLengthAreRefused() {
        try (SparkObjective f = SparkObjective.builder(threePartitions(1, 2, 3), 1, 1, Losses.squared(1)).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.valueAndGrad(new double[2], new double[2]));
            assertEquals("SparkObjective.valueAndGrad: vectors of 2 and 2 elements for 1 parameters", e.getMessage());
        }
    }
}
