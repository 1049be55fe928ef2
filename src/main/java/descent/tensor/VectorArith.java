package descent.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The arithmetic of {@link BinaryOp} (+, -, *, /) over operands at distinct offsets, lane by lane
 * with the incubating Vector API. The JIT vectorizes such loops itself only when all offsets are
 * equal (it cannot rule out that arrays at distinct offsets overlap), which is not the case for
 * the runs of broadcasting steps (a row of a matrix times a vector, a bias added to every row).
 * Each lane is one IEEE operation, so the results are the bits of the scalar loops. Loaded only
 * when {@link Simd} found the module.
 */
final class VectorArith {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    private VectorArith() {
    }

    static boolean supports(BinaryOp op) {
        return op == BinaryOp.ADD || op == BinaryOp.SUB || op == BinaryOp.MUL || op == BinaryOp.DIV;
    }

    /** o[oo + i] = op(a[ao + i], b[bo + i]) for i in [0, n); o may be a or b at the same offset. */
    static void loop(BinaryOp op, double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) {
        int body = S.loopBound(n);
        switch (op) {
            case ADD:
                for (int i = 0; i < body; i += S.length()) {
                    DoubleVector.fromArray(S, a, ao + i).add(DoubleVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
                }
                break;
            case SUB:
                for (int i = 0; i < body; i += S.length()) {
                    DoubleVector.fromArray(S, a, ao + i).sub(DoubleVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
                }
                break;
            case MUL:
                for (int i = 0; i < body; i += S.length()) {
                    DoubleVector.fromArray(S, a, ao + i).mul(DoubleVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
                }
                break;
            case DIV:
                for (int i = 0; i < body; i += S.length()) {
                    DoubleVector.fromArray(S, a, ao + i).div(DoubleVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
                }
                break;
            default:
                throw new IllegalArgumentException(op.label() + " has no vectorized loop");
        }
        op.loop(a, ao + body, b, bo + body, o, oo + body, n - body);
    }

    /** o[oo + i] = op(a[ao + i], b) for i in [0, n); o may be a at the same offset. */
    static void loop(BinaryOp op, double[] a, int ao, double b, double[] o, int oo, int n) {
        int body = S.loopBound(n);
        DoubleVector v = DoubleVector.broadcast(S, b);
        switch (op) {
            case ADD:
                for (int i = 0; i < body; i += S.length()) {
                    DoubleVector.fromArray(S, a, ao + i).add(v).intoArray(o, oo + i);
                }
                break;
            case SUB:
                for (int i = 0; i < body; i += S.length()) {
                    DoubleVector.fromArray(S, a, ao + i).sub(v).intoArray(o, oo + i);
                }
                break;
            case MUL:
                for (int i = 0; i < body; i += S.length()) {
                    DoubleVector.fromArray(S, a, ao + i).mul(v).intoArray(o, oo + i);
                }
                break;
            case DIV:
                for (int i = 0; i < body; i += S.length()) {
                    DoubleVector.fromArray(S, a, ao + i).div(v).intoArray(o, oo + i);
                }
                break;
            default:
                throw new IllegalArgumentException(op.label() + " has no vectorized loop");
        }
        op.loop(a, ao + body, b, o, oo + body, n - body);
    }

    /** o[oo + i] = op(a, b[bo + i]) for i in [0, n); o may be b at the same offset. */
    static void loop(BinaryOp op, double a, double[] b, int bo, double[] o, int oo, int n) {
        int body = S.loopBound(n);
        DoubleVector v = DoubleVector.broadcast(S, a);
        switch (op) {
            case ADD:
                for (int i = 0; i < body; i += S.length()) {
                    v.add(DoubleVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
                }
                break;
            case SUB:
                for (int i = 0; i < body; i += S.length()) {
                    v.sub(DoubleVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
                }
                break;
            case MUL:
                for (int i = 0; i < body; i += S.length()) {
                    v.mul(DoubleVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
                }
                break;
            case DIV:
                for (int i = 0; i < body; i += S.length()) {
                    v.div(DoubleVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
                }
                break;
            default:
                throw new IllegalArgumentException(op.label() + " has no vectorized loop");
        }
        op.loop(a, b, bo + body, o, oo + body, n - body);
    }
}
