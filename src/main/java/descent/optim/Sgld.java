package descent.optim;

import descent.tensor.ParamLayout;

/**
 * Stochastic gradient Langevin dynamics (Welling and Teh 2011):
 * {@code p = p - lr g + sqrt(2 lr T) xi}, {@code xi} standard normal, which samples from a
 * density proportional to {@code exp(-f / T)} as {@code lr -> 0} (Welling and Teh's step
 * {@code epsilon} is {@code 2 lr} at {@code T = 1}). The noise of element {@code i} at step
 * {@code t} is a function of {@code (seed, t, i)} alone (a counter-based generator), so it does
 * not depend on the number of threads and a checkpoint needs only the step count.
 */
final class Sgld extends Fused {
    private final Hyper lr;
    private final Hyper temperature;
    private final long seed;

    Sgld(Schedule lr, Schedule temperature, long seed) {
        this.lr = Hyper.of("sgld", "lr", lr, Hyper.Range.NON_NEGATIVE);
        this.temperature = Hyper.of("sgld", "temperature", temperature, Hyper.Range.NON_NEGATIVE);
        this.seed = seed;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A standard normal value determined by {@code (key, i)} (Box-Muller on two hashed uniforms). */
    static double gaussian(long key, int i) {
        long h1 = mix(key + 0x9E3779B97F4A7C15L * (2L * i + 1));
        long h2 = mix(key + 0x9E3779B97F4A7C15L * (2L * i + 2));
        double u1 = ((h1 >>> 11) + 1) * 0x1.0p-53;
        double u2 = (h2 >>> 11) * 0x1.0p-53;
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private final class SgldState extends Buffers {
        double rate;
        double noise;
        long key;

        SgldState() {
            super("sgld");
        }

        @Override
        void begin(long t, Context context) {
            rate = lr.at(t);
            noise = Math.sqrt(2 * rate * temperature.at(t));
            key = mix(seed ^ mix(t + 0x632BE59BD9B4E019L));
        }

        @Override
        void kernel(int lo, int hi) {
            double[] gs = g;
            double[] ps = p;
            double lrate = rate;
            double s = noise;
            long k = key;
            boolean ap = apply;
            for (int i = lo; i < hi; i++) {
                double d = -lrate * gs[i] + (s == 0 ? 0 : s * gaussian(k, i));
                if (ap) {
                    ps[i] += d;
                } else {
                    gs[i] = d;
                }
            }
        }

        @Override
        double learningRate(long t) {
            return lr.at(t);
        }
    }

    @Override
    Buffers create(ParamLayout layout, double[] params) {
        return new SgldState();
    }
}
