package descent.ad;

import descent.tensor.Value;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input fails early with a message naming the operation, the shapes and the cause. */
class ErrorsTest {
    @AfterEach
    void nanChecksOff() {
        AD.debugNaNs(false);
    }

    private static void assertMessage(Throwable t, String... parts) {
        for (String p : parts) {
            assertTrue(t.getMessage().contains(p), "message '" + t.getMessage() + "' should mention '" + p + "'");
        }
    }

    @Test
    void shapeMismatchNamesOpAndShapes() {
        Func f = Func.of((x, y) -> x.add(y).sum());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> f.call(Tensor.zeros(3, 4), Tensor.zeros(5)));
        assertMessage(e, "add", "[3, 4]", "[5]", "do not broadcast");
    }

    @Test
    void matmulInnerDimensions() {
        Func f = Func.of((a, b) -> a.matmul(b).sum());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> f.call(Tensor.zeros(2, 3), Tensor.zeros(4, 5)));
        assertMessage(e, "matmul", "[2, 3]", "[4, 5]", "3 != 4");
    }

    @Test
    void wrongArity() {
        Func f = Func.of(x -> x.sum());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> f.callAll(Tensor.zeros(2), Tensor.zeros(2)));
        assertMessage(e, "takes 1 argument", "given 2");
        IllegalArgumentException g = assertThrows(IllegalArgumentException.class, () -> AD.grad(f, 1));
        assertMessage(g, "grad", "argument index 1");
    }

    @Test
    void gradOfNonScalar() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AD.grad(x -> x.sin()).call(Tensor.zeros(3)));
        assertMessage(e, "grad", "must return a scalar", "[3]", "jacobian");
    }

    @Test
    void jvpTangentShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AD.jvp(Func.of(x -> x.sin())).callAll(Tensor.zeros(3), Tensor.zeros(4)));
        assertMessage(e, "jvp", "tangent 0", "[4]", "[3]");
    }

    @Test
    void nanCheckNamesTheFirstOpAndTheUserLine() {
        AD.debugNaNs(true);
        Func f = Func.of(x -> x.sub(2).log().exp().sum());
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> f.call(Tensor.of(3, 1, 4)));
        assertMessage(e, "NaN check", "log", "flat index 1", "ErrorsTest.java");
    }

    @Test
    void nanCheckInGradientPointsAtTheForwardLine() {
        AD.debugNaNs(true);
        Func f = Func.of(x -> x.sqrt().sum());
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> AD.grad(f).call(Tensor.of(-1, 4)));
        assertMessage(e, "NaN check", "sqrt", "ErrorsTest.java");
    }

    @Test
    void nanInputIsReported() {
        AD.debugNaNs(true);
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> Func.of(x -> x.sum()).call(Tensor.of(1, Double.NaN)));
        assertMessage(e, "input 0", "NaN", "flat index 1");
    }

    @Test
    void withoutNanCheckNaNsFlowThrough() {
        Tensor r = Func.of(x -> x.log()).call(Tensor.of(-1));
        assertTrue(Double.isNaN(r.item()));
    }

    @Test
    void escapedValueIsRejected() {
        List<Value> leaked = new ArrayList<>();
        Func.of(x -> {
            leaked.add(x);
            return x.sum();
        }).call(Tensor.zeros(2));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Func.of(y -> y.add(leaked.get(0)).sum()).call(Tensor.zeros(2)));
        assertMessage(e, "finished");
    }

    @Test
    void valueOutsideAnyTrace() {
        List<Value> leaked = new ArrayList<>();
        Func.of(x -> {
            leaked.add(x);
            return x.sum();
        }).call(Tensor.zeros(2));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> leaked.get(0).sin());
        assertMessage(e, "no function is being traced");
    }

    @Test
    void gatherIndexOutOfRange() {
        Func f = Func.of((x, i) -> x.gather(0, i).sum());
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> f.call(Tensor.zeros(3), Tensor.of(0, 5)));
        assertMessage(e, "gather", "5.0", "[0, 3)");
    }

    @Test
    void reshapeElementCount() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Func.of(x -> x.reshape(4, 2).sum()).call(Tensor.zeros(3, 2)));
        assertMessage(e, "reshape", "[3, 2]", "6 elements", "[4, 2]");
    }

    @Test
    void reductionAxisOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Func.of(x -> x.sum(2)).call(Tensor.zeros(3, 2)));
        assertMessage(e, "sum", "axis 2", "[3, 2]");
    }

    @Test
    void planInputShapeIsChecked() {
        Func f = Func.of(x -> x.sum());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> f.compile(Shape.of(3)).run(Tensor.zeros(4)));
        assertMessage(e, "input 0", "[4]", "[3]");
    }
}
