package descent.jupyter

import descent.tensor.Tensor
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class TensorHtmlTest {
    @Test
    fun matrixRendersAsATableWithItsShape() {
        val html = TensorHtml.render(Tensor.of(arrayOf(doubleArrayOf(1.0, 2.5), doubleArrayOf(-3.0, 0.125))))
        assertTrue(html.contains("Tensor [2, 2] float64"), html)
        assertEquals(2, Regex("<tr>").findAll(html).count())
        assertTrue(html.contains(">2.50000<") && html.contains(">-3.0<") && html.contains(">0.125000<"), html)
    }

    @Test
    fun longAxesAreElided() {
        val html = TensorHtml.render(Tensor.arange(100))
        assertEquals(17, Regex("<td").findAll(html).count())
        assertTrue(html.contains("&hellip;") && html.contains(">99.0<"), html)
    }

    @Test
    fun scalarsAndHigherRanks() {
        assertTrue(TensorHtml.render(Tensor.scalar(4.5)).contains("<pre>4.5</pre>"))
        assertTrue(TensorHtml.render(Tensor.zeros(2, 2, 2)).contains("Tensor [2, 2, 2]"))
    }
}
