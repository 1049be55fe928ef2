package descent.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Objectives over the columns of a DataFrame. */
class DatasetInputTest {
    private static JavaSparkContext sc;
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        sc = LocalSpark.start("local[2]", "DatasetInputTest");
        spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static final StructType SCHEMA = new StructType().add("label", DataTypes.IntegerType, true)
            .add("a", DataTypes.DoubleType, true).add("b", DataTypes.FloatType, true);

    /** Rows (label, a, b) = (i % 2 ? 1 : -1, i / 10, 1 - i / 20) for i < 40; with {@code hole}, row 30's b is null. */
    private static Dataset<Row> frame(boolean hole) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(RowFactory.create(i % 2 == 1 ? 1 : -1, i / 10.0, hole && i == 30 ? null : (float) (1 - i / 20.0)));
        }
        return spark.createDataFrame(rows, SCHEMA).coalesce(1);
    }

    @Test
    void columnsAreReadInTheGivenOrderAsDoubles() {
        double[] w = {0.3, -0.2};
        try (SparkObjective f = SparkObjective.builder(frame(false), new String[] {"a", "b", "label"}, 2, Losses.logistic(2)).build()) {
            double[] g = new double[2];
            double value = f.valueAndGrad(w, g);
            double expected = 0;
            double[] eg = new double[2];
            for (int i = 0; i < 40; i++) {
                double y = i % 2 == 1 ? 1 : -1;
                double[] x = {i / 10.0, (float) (1 - i / 20.0)};
                double t = -y * (x[0] * w[0] + x[1] * w[1]);
                expected += Math.log1p(Math.exp(t));
                double s = 1 / (1 + Math.exp(-t));
                eg[0] += -y * s * x[0];
                eg[1] += -y * s * x[1];
            }
            assertEquals(40, f.examples());
            assertEquals(expected, value, 1e-13 * expected);
            assertEquals(eg[0], g[0], 1e-13 * Math.abs(eg[0]));
            assertEquals(eg[1], g[1], 1e-13 * Math.abs(eg[1]));
        }
    }

    @Test
    void aNullIsNamedByPartitionRowAndColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkObjective.builder(frame(true), new String[] {"a", "b", "label"}, 2, Losses.logistic(2)).build());
        assertTrue(e.getMessage().startsWith("SparkObjective: partition 0 row 30 column 1 is NaN"), e.getMessage());
    }
}
