package descent.dsl

import descent.ad.AD
import descent.tensor.Tensor
import org.jetbrains.kotlinx.multik.api.mk
import org.jetbrains.kotlinx.multik.api.ndarray
import org.jetbrains.kotlinx.multik.ndarray.data.get
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Test
import kotlin.math.cos
import kotlin.math.sin

class DslTest {
    @Test
    fun operatorsBuildTheSameGraphAsMethods() {
        val f = fn { x -> sum(sin(x) * x + 2.0 * x - x / 4.0) }
        val x = tensorOf(0.5, 1.0, 2.0)
        val expected = (0 until 3).sumOf { i -> val v = x[i]; sin(v) * v + 2 * v - v / 4 }
        assertEquals(expected, f(x).item(), 1e-15)
        val g = grad(f)(x)
        for (i in 0 until 3) {
            val v = x[i]
            assertEquals(sin(v) + v * cos(v) + 2 - 0.25, g[i], 1e-15)
        }
    }

    @Test
    fun aCapturedVarIsNeverStale() {
        var batch = tensorOf(1.0, 2.0)
        val loss = fn { w -> sum(w * batch) }
        val w = tensorOf(3.0, 4.0)
        assertEquals(11.0, loss(w).item())
        assertEquals(batch, grad(loss)(w))
        batch = tensorOf(10.0, 20.0)
        assertEquals(110.0, loss(w).item())
        assertEquals(tensorOf(10.0, 20.0), grad(loss)(w))
    }

    @Test
    fun treesVmapAndDerivatives() {
        val p = params("w" to tensorOf(1.0, 2.0), "b" to Tensor.scalar(0.5))
        val loss = fn(p, 2) { q, d -> sum((q.get("w") * d[0]).sum() + q.get("b") - d[1]).pow(2.0) }
        val x = tensorOf(1.0, 1.0)
        val y = Tensor.scalar(3.0)
        assertEquals(0.25, loss(p, x, y).item(), 1e-15)
        val g = AD.grad(loss).callParams(p, x, y)
        assertEquals(tensorOf(1.0, 1.0), g.get("w"))
        val perRow = vmap(fn { v -> sum(v * v) })(Tensor.of(arrayOf(doubleArrayOf(1.0, 2.0), doubleArrayOf(3.0, 4.0))))
        assertEquals(tensorOf(5.0, 25.0), perRow)
        val d = derivatives(fn { v -> sum(sin(v)) }, tensorOf(0.0), tensorOf(1.0), 3)
        assertEquals(-1.0, d.derivative(3).item(), 1e-15)
    }

    @Test
    fun tensorsMixWithValues() {
        val c = tensorOf(2.0, 4.0)
        val f = fn { x -> sum(c * x + x / c - c + (c - x) + c / x) }
        val x = tensorOf(1.0, 2.0)
        assertEquals((2 + 0.5 - 2 + 1 + 2) + (8 + 0.5 - 4 + 2 + 2), f(x).item(), 1e-15)
    }

    @Test
    fun hessianOfAQuadraticForm() {
        val a = Tensor.of(arrayOf(doubleArrayOf(2.0, 1.0), doubleArrayOf(1.0, 3.0)))
        val f = fn { x -> 0.5 * sum(x * x.matmul(a)) }
        assertEquals(a, hessian(f)(tensorOf(0.3, -0.7)))
        assertEquals(tensorOf(0.3 * 2 - 0.7, 0.3 - 0.7 * 3), AD.grad(f).call(tensorOf(0.3, -0.7)))
    }

    @Test
    fun multikArraysConvertWithoutCopying() {
        val data = doubleArrayOf(1.0, 2.0, 3.0, 4.0, 5.0, 6.0)
        val nd = mk.ndarray(data, 2, 3)
        val t = nd.toTensor()
        assertEquals(listOf(2, 3), t.shape().dims().toList())
        assertSame(data, t.contiguousData())
        val back = t.toNDArray()
        assertSame(data, back.data.getDoubleArray())
        assertEquals(6.0, back[intArrayOf(1, 2)])
    }

    @Test
    fun tensorOperators() {
        val a = tensorOf(1.0, 2.0)
        val b = tensorOf(10.0, 20.0)
        assertEquals(tensorOf(12.0, 24.0), a * 2.0 + b - 1.0 + 1.0 + (-a) + a)
        assertEquals(tensorOf(9.0, 18.0), b - a)
        assertEquals(tensorOf(10.0, 10.0), b / a)
        assertEquals(tensorOf(2.0, 1.0), 2.0 / a * 1.0 * a / a)
        assertEquals(tensorOf(-9.0, -19.0), 1.0 - b + 0.0 * a)
    }
}
