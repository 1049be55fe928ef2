package descent.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** A Spark context in this JVM for tests: no UI, loopback networking, quiet logs. */
final class LocalSpark {
    private LocalSpark() {
    }

    /** A context on {@code master} (e.g. {@code local[2]}, or {@code local[2,2]} to retry a failed task once). */
    static JavaSparkContext start(String master, String name) {
        SparkConf conf = new SparkConf().setMaster(master).setAppName(name)
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.showConsoleProgress", "false");
        JavaSparkContext sc = new JavaSparkContext(conf);
        sc.setLogLevel("ERROR");
        return sc;
    }
}
