package descent.optim;

import descent.tensor.Shape;

import java.util.Locale;

/**
 * How Adam-mini splits each leaf into blocks that share one second-moment value. A leaf of rank
 * 2 or more is seen as a matrix {@code R x C} (the last axis as columns, the others as rows);
 * Descent's layers compute {@code y = x W} with {@code W} of shape {@code [fanIn, fanOut]}, so an
 * output neuron is a column.
 */
@FunctionalInterface
public interface BlockPartition {
    /** The blocks of the leaf at {@code path} with shape {@code shape}. */
    Blocks blocksOf(String path, Shape shape);

    /** A block structure of one leaf. */
    record Blocks(Kind kind, int groups) {
        /** The kinds of block structure. */
        public enum Kind {
            /** The whole leaf is one block. */
            WHOLE,
            /** Every element is its own block (Adam). */
            ELEMENTS,
            /** Every row is a block. */
            ROWS,
            /** Every column (output neuron) is a block. */
            COLUMNS,
            /** {@code groups} equal groups of consecutive rows. */
            ROW_GROUPS,
            /** {@code groups} equal groups of consecutive columns (attention heads). */
            COLUMN_GROUPS
        }

        /** The whole leaf as one block. */
        public static Blocks whole() {
            return new Blocks(Kind.WHOLE, 1);
        }

        /** One block per element. */
        public static Blocks elements() {
            return new Blocks(Kind.ELEMENTS, 1);
        }

        /** One block per row. */
        public static Blocks rows() {
            return new Blocks(Kind.ROWS, 1);
        }

        /** One block per column (per output neuron of {@code y = x W}). */
        public static Blocks columns() {
            return new Blocks(Kind.COLUMNS, 1);
        }

        /** {@code groups} blocks of consecutive rows. */
        public static Blocks rowGroups(int groups) {
            return new Blocks(Kind.ROW_GROUPS, groups);
        }

        /** {@code groups} blocks of consecutive columns (per attention head of a query or key projection). */
        public static Blocks columnGroups(int groups) {
            return new Blocks(Kind.COLUMN_GROUPS, groups);
        }
    }

    /** Every leaf is one block. */
    static BlockPartition perLeaf() {
        return (path, shape) -> Blocks.whole();
    }

    /**
     * The partition of the Adam-mini paper (Zhang et al. 2024) for Transformers with {@code heads}
     * attention heads, recognized by the last path component: embeddings and the output layer
     * ({@code embed, embd, wte, lm_head, output}) get one block per element (plain Adam); query
     * and key projections ({@code q, k, wq, wk, q_proj, k_proj, query, key}) one block per head;
     * other matrices (values, attention output, MLP) one block per output neuron; vectors (biases,
     * norms) one block each.
     */
    static BlockPartition transformer(int heads) {
        Hyper.checkAtLeast("BlockPartition.transformer", "heads", heads, 1);
        return (path, shape) -> {
            String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            if (name.contains("embed") || name.contains("embd") || name.contains("wte") || name.contains("lm_head")
                    || name.contains("output")) {
                return Blocks.elements();
            }
            if (shape.rank() < 2) {
                return Blocks.whole();
            }
            if (name.equals("q") || name.equals("k") || name.equals("wq") || name.equals("wk") || name.equals("query")
                    || name.equals("key") || name.startsWith("q_proj") || name.startsWith("k_proj")) {
                return Blocks.columnGroups(heads);
            }
            return Blocks.columns();
        };
    }
}
