package descent.dsl

import descent.ad.Check
import descent.tensor.Tensor
import descent.tensor.Value
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import kotlin.math.E
import kotlin.math.PI

class OperatorsTest {
    private val x = tensorOf(0.5, -1.0, 2.0)

    private fun value(body: (Value) -> Value): Double = fn(body)(x).item()

    @Test
    fun numbersOfEveryTypeOnEitherSide() {
        val s = x.toArray().sum()
        assertEquals(s + 3, value { sum(it + 1) }, 1e-15)
        assertEquals(s + 3, value { sum(1 + it) }, 1e-15)
        assertEquals(3 - s, value { sum(1L - it) }, 1e-15)
        assertEquals(s - 3, value { sum(it - 1.0f) }, 1e-15)
        assertEquals(2 * s, value { sum(2 * it) }, 1e-15)
        assertEquals(2 * s, value { sum(it * 2) }, 1e-15)
        assertEquals(s / 4, value { sum(it / 4) }, 1e-15)
        assertEquals(s / 4, value { sum(it / 4.toShort()) }, 1e-15)
        assertEquals(1 / 0.5 - 1 + 0.5, value { sum(1 / it) }, 1e-15)
        assertEquals(tensorOf(1.5, 0.0, 3.0), x + 1)
        assertEquals(tensorOf(0.5, 2.0, -1.0), 1 - x)
        assertEquals(tensorOf(1.0, -2.0, 4.0), 2 * x)
        assertEquals(tensorOf(4.0, -2.0, 1.0), 2 / x)
        assertEquals(tensorOf(0.25, -0.5, 1.0), x / 2)
        assertEquals(-x, x * -1)
    }

    @Test
    fun tensorsAndValuesMixInEitherOrder() {
        val c = tensorOf(2.0, 4.0, 8.0)
        val expected = (0 until 3).sumOf { i -> val v = x[i]; val t = c[i]; t * v + v * t + (t - v) + (v - t) + t / v + v / t + t + v }
        assertEquals(expected, value { sum(c * it + it * c + (c - it) + (it - c) + c / it + it / c + (c + it)) }, 1e-13)
        val m = matrixOf(doubleArrayOf(1.0, 2.0, 3.0), doubleArrayOf(-1.0, 0.5, 4.0))
        assertEquals(tensorOf(4.5, 7.0), fn { w -> m matmul w }(x))
        assertEquals(tensorOf(4.5, 7.0), fn { w -> matmul(m, w) }(x))
        assertEquals(4.5 + 7.0, fn { w -> sum(matmul(w, m.transpose())) }(x).item(), 1e-15)
        assertEquals(tensorOf(1.0, 2.0, 3.0) dot x, fn { w -> tensorOf(1.0, 2.0, 3.0) dot w }(x))
        assertEquals(0.5 - 2.0 + 6.0, fn { w -> w dot tensorOf(1.0, 2.0, 3.0) }(x).item(), 1e-15)
        assertEquals(0.25 + 1 + 4, fn { w -> w dot w }(x).item(), 1e-15)
        assertEquals(tensorOf(4.5, 7.0), m matmul x)
    }

    @Test
    fun mathFunctionsOnTensorsAndValues() {
        assertEquals(Math.log(2.0), log(tensorOf(2.0))[0], 0.0)
        assertEquals(1.0, ln(tensorOf(E))[0], 1e-15)
        assertEquals(tensorOf(Math.sin(0.5), Math.sin(-1.0), Math.sin(2.0)), sin(x))
        assertEquals(Math.sqrt(0.25 + 1 + 4), norm(x).item(), 1e-15)
        assertEquals(Math.sqrt(0.25 + 1 + 4), value { norm(it) }, 1e-15)
        assertEquals(tensorOf(0.5, 0.0, 2.0), relu(x))
        assertEquals(tensorOf(0.5, -0.5, 0.5), clamp(x, -0.5, 0.5))
        assertEquals(tensorOf(1.0, 1.0, 2.0), maximum(x, 1))
        assertEquals(2.0, max(x).item())
        assertEquals(tensorOf(3.0, 7.0), sum(matrixOf(doubleArrayOf(1.0, 2.0), doubleArrayOf(3.0, 4.0)), 0) - tensorOf(1.0, -1.0))
        // d/dx sum(log(x^2 + 1)) = 2x / (x^2 + 1)
        val g = grad(fn { sum(log(it * it + 1)) })(x)
        for (i in 0 until 3) assertEquals(2 * x[i] / (x[i] * x[i] + 1), g[i], 1e-15)
        assertTrue(Check.gradient(fn { sum(exp(-it pow 2) * atan(it) + sqrt(it * it + 1) + sigmoid(it) * 3) }, x).passes(1e-8))
    }

    @Test
    fun powersWithNumbersAndValues() {
        assertEquals(0.125 - 1 + 8, value { sum(it pow 3) }, 1e-15)
        assertEquals(Math.pow(2.0, 0.5) + Math.pow(2.0, -1.0) + 4, value { sum(2 pow it) }, 1e-15)
        assertEquals(tensorOf(0.25, 1.0, 4.0), x pow 2)
        val y = tensorOf(1.0, 2.0, 3.0)
        assertEquals(Math.pow(1.0, 0.5) + Math.pow(2.0, -1.0) + Math.pow(3.0, 2.0), fn { p -> sum(y pow p) }(x).item(), 1e-14)
    }

    @Test
    fun indexingAndSlicing() {
        val m = Tensor.arange(12).reshape(3, 4)
        assertEquals(tensorOf(4.0, 5.0, 6.0, 7.0), m[1, all])
        assertEquals(tensorOf(1.0, 5.0, 9.0), m[all, 1])
        assertEquals(tensorOf(8.0, 9.0, 10.0, 11.0), m[-1, all])
        assertEquals(matrixOf(doubleArrayOf(0.0, 2.0), doubleArrayOf(4.0, 6.0)), m[0..1, 0 until 4 step 2])
        assertEquals(6.0, m[1, 2])
        assertEquals(6.0, fn { v -> v[1, 2] }(m).item())
        assertEquals(4.0 + 5 + 6 + 7, fn { v -> sum(v[1]) }(m).item())
        assertEquals(-1.0, fn { v -> v[1] }(x).item())
        // Rosenbrock written with indices; its gradient at (1, 1) is zero
        val rosen = fn { p -> (1 - p[0]).square() + 100 * (p[1] - p[0] * p[0]).square() }
        assertEquals(tensorOf(0.0, 0.0), grad(rosen)(tensorOf(1.0, 1.0)))
        assertEquals(tensorOf(-2.0, 0.0), grad(rosen)(tensorOf(0.0, 0.0)))
        val e = assertThrows(IndexOutOfBoundsException::class.java) { m[3, all] }
        assertTrue(e.message!!.contains("position 3 is out of range for axis 0 of length 3"), e.message)
        val r = assertThrows(IllegalArgumentException::class.java) { m[all, "a"] }
        assertTrue(r.message!!.contains("selectors are Int, IntRange/IntProgression or all"), r.message)
    }

    @Test
    fun comparisonsAndWhere() {
        assertEquals(tensorOf(1.0, 0.0, 1.0), x gt 0)
        assertEquals(tensorOf(0.0, 1.0, 0.0), 0 gt x)
        assertEquals(tensorOf(1.0, 0.0, 0.0), x eq 0.5)
        assertEquals(tensorOf(0.5, 0.0, 2.0), where(x gt 0, x, 0))
        // |x| through where, and its gradient sign(x)
        val absByWhere = fn { v -> sum(where(v lt 0, -v, v)) }
        assertEquals(3.5, absByWhere(x).item(), 0.0)
        assertEquals(tensorOf(1.0, -1.0, 1.0), grad(absByWhere)(x))
        val c = tensorOf(1.0, 1.0, 1.0)
        assertEquals(2.0, fn { v -> sum(v ge c) + sum(c le v) }(x).item(), 0.0)
        assertEquals(tensorOf(0.5, 0.0, 2.0), fn { v -> where(x gt 0, v, 0) }(x))
        assertEquals(tensorOf(0.5, PI, 2.0), fn { v -> where(v gt 0, v, tensorOf(PI, PI, PI)) }(x))
    }
}
