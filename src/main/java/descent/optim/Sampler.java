package descent.optim;

import descent.tensor.Rng;

/** Draws batches of example indices from a seeded generator, without allocating. */
final class Sampler {
    final Sampling sampling;
    final int examples;
    final int[] batch;
    final int[] permutation;
    Rng rng;
    int position;

    Sampler(Sampling sampling, int examples, int batchSize, long seed) {
        if (examples <= 0) {
            throw new IllegalArgumentException("Minimize: the objective has no examples");
        }
        if (batchSize < 1 || (sampling == Sampling.WITHOUT_REPLACEMENT && batchSize > examples)) {
            throw new IllegalArgumentException("Minimize: batch size must be in [1, " + examples + "] for " + examples
                    + " examples drawn " + sampling + ", got " + batchSize);
        }
        this.sampling = sampling;
        this.examples = examples;
        this.batch = new int[batchSize];
        this.permutation = sampling == Sampling.WITHOUT_REPLACEMENT ? new int[examples] : null;
        this.rng = new Rng(seed);
        this.position = examples;
        if (permutation != null) {
            for (int i = 0; i < examples; i++) {
                permutation[i] = i;
            }
        }
    }

    /** The next batch (the same array each time). */
    int[] next() {
        int b = batch.length;
        if (permutation == null) {
            for (int j = 0; j < b; j++) {
                batch[j] = rng.nextInt(examples);
            }
            return batch;
        }
        if (position + b > examples) {
            for (int i = examples - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = permutation[i];
                permutation[i] = permutation[j];
                permutation[j] = t;
            }
            position = 0;
        }
        System.arraycopy(permutation, position, batch, 0, b);
        position += b;
        return batch;
    }
}
