package descent.stde;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to read a mixed partial derivative off one jet. For coordinates c_r with multiplicities
 * alpha_r, put e_{c_r} in series slot a_r (distinct slots; the series x(t) = x + sum_s v_s t^s/s!).
 * By Faa di Bruno, the n-th derivative of u(x(t)) sums, over set partitions of {1..n}, derivatives
 * of u along the slot vectors of the block sizes; if n = sum_r alpha_r a_r can be written as
 * sum_r p_r a_r (p_r &gt;= 0) only with p = alpha, the only surviving terms are the partitions into
 * alpha_r blocks of size a_r, each contributing the wanted partial, and there are
 * n! / prod_r (a_r!^alpha_r alpha_r!) of them. The planner picks the slots minimizing n.
 */
final class PartialPlan {
    /** Largest slot tried. */
    private static final int MAX_SLOT = 16;

    final int[] coordinates;
    final int[] slots;
    final int order;
    final double factor;

    private PartialPlan(int[] coordinates, int[] slots, int order, double factor) {
        this.coordinates = coordinates;
        this.slots = slots;
        this.order = order;
        this.factor = factor;
    }

    /** The plan for the multi-index given as coordinates with repetition, e.g. (i, i, j). */
    static PartialPlan of(int[] indices) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("partial: needs at least one coordinate");
        }
        Map<Integer, Integer> count = new LinkedHashMap<>();
        for (int i : indices) {
            if (i < 0) {
                throw new IllegalArgumentException("partial: coordinate " + i + " is negative");
            }
            count.merge(i, 1, Integer::sum);
        }
        int m = count.size();
        int[] coords = new int[m];
        int[] alpha = new int[m];
        int r = 0;
        for (Map.Entry<Integer, Integer> e : count.entrySet()) {
            coords[r] = e.getKey();
            alpha[r++] = e.getValue();
        }
        int[] best = null;
        int bestN = Integer.MAX_VALUE;
        int[] slots = new int[m];
        boolean[] used = new boolean[MAX_SLOT + 1];
        int[][] found = {null};
        int[] foundN = {Integer.MAX_VALUE};
        search(0, alpha, slots, used, found, foundN);
        best = found[0];
        bestN = foundN[0];
        if (best == null) {
            throw new IllegalArgumentException("partial: no jet plan with slots up to " + MAX_SLOT + " for the multi-index "
                    + Arrays.toString(indices));
        }
        BigInteger num = factorial(bestN);
        BigInteger den = BigInteger.ONE;
        for (int q = 0; q < m; q++) {
            den = den.multiply(factorial(best[q]).pow(alpha[q])).multiply(factorial(alpha[q]));
        }
        return new PartialPlan(coords, best, bestN, new java.math.BigDecimal(num).divide(new java.math.BigDecimal(den))
                .doubleValue());
    }

    private static void search(int r, int[] alpha, int[] slots, boolean[] used, int[][] found, int[] foundN) {
        int m = alpha.length;
        if (r == m) {
            int n = 0;
            for (int q = 0; q < m; q++) {
                n += alpha[q] * slots[q];
            }
            if (n < foundN[0] && uniqueRepresentation(n, slots, alpha)) {
                foundN[0] = n;
                found[0] = slots.clone();
            }
            return;
        }
        for (int s = 1; s <= MAX_SLOT; s++) {
            if (!used[s]) {
                used[s] = true;
                slots[r] = s;
                search(r + 1, alpha, slots, used, found, foundN);
                used[s] = false;
            }
        }
    }

    /** True if alpha is the only non-negative p with sum p_r slots_r = n. */
    private static boolean uniqueRepresentation(int n, int[] slots, int[] alpha) {
        return count(n, slots, 0) == 1;
    }

    private static int count(int n, int[] slots, int r) {
        if (r == slots.length) {
            return n == 0 ? 1 : 0;
        }
        int c = 0;
        for (int p = 0; p * slots[r] <= n && c < 2; p++) {
            c += count(n - p * slots[r], slots, r + 1);
        }
        return c;
    }

    private static BigInteger factorial(int n) {
        BigInteger f = BigInteger.ONE;
        for (int i = 2; i <= n; i++) {
            f = f.multiply(BigInteger.valueOf(i));
        }
        return f;
    }
}
