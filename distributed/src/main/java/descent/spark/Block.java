package descent.spark;

import java.io.Serializable;
import java.util.Iterator;

/**
 * The examples of one partition as one dense row-major block {@code [rows, width]}, built once and
 * cached by Spark, so evaluations read contiguous memory instead of iterating row objects.
 */
final class Block implements Serializable {
    private static final long serialVersionUID = 1L;

    final int partition;
    final int rows;
    final int width;
    final double[] data;

    private Block(int partition, int rows, int width, double[] data) {
        this.partition = partition;
        this.rows = rows;
        this.width = width;
        this.data = data;
    }

    /**
     * Packs the rows of {@code partition}.
     *
     * @throws IllegalArgumentException naming the partition and the row if a row is null, has
     *         another width or holds a non-finite value
     */
    static Block of(String who, int partition, Iterator<double[]> it, int width) {
        double[] data = new double[Math.max(16, width) * 64];
        int rows = 0;
        while (it.hasNext()) {
            double[] row = it.next();
            if (row == null || row.length != width) {
                throw new IllegalArgumentException(who + ": partition " + partition + " row " + rows + " has "
                        + (row == null ? "no values (null)" : row.length + " values") + ", expected the width " + width);
            }
            for (int j = 0; j < width; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException(who + ": partition " + partition + " row " + rows + " column " + j + " is "
                            + row[j]);
                }
            }
            if ((long) (rows + 1) * width > data.length) {
                long grown = Math.max((long) data.length * 2, (long) (rows + 1) * width);
                if (grown > Integer.MAX_VALUE - 8) {
                    throw new IllegalArgumentException(who + ": partition " + partition + " holds more than " + rows
                            + " rows of width " + width + ": too many values for one block; repartition the dataset");
                }
                data = java.util.Arrays.copyOf(data, (int) grown);
            }
            System.arraycopy(row, 0, data, rows * width, width);
            rows++;
        }
        return new Block(partition, rows, width, rows * width == data.length ? data : java.util.Arrays.copyOf(data, rows * width));
    }
}
