package descent.dsl

import descent.tensor.Tensor
import org.jetbrains.kotlinx.multik.ndarray.data.D1
import org.jetbrains.kotlinx.multik.ndarray.data.D1Array
import org.jetbrains.kotlinx.multik.ndarray.data.D2
import org.jetbrains.kotlinx.multik.ndarray.data.D2Array
import org.jetbrains.kotlinx.multik.ndarray.data.D3
import org.jetbrains.kotlinx.multik.ndarray.data.D3Array
import org.jetbrains.kotlinx.multik.ndarray.data.DN
import org.jetbrains.kotlinx.multik.ndarray.data.Dimension
import org.jetbrains.kotlinx.multik.ndarray.data.MemoryViewDoubleArray
import org.jetbrains.kotlinx.multik.ndarray.data.MultiArray
import org.jetbrains.kotlinx.multik.ndarray.data.NDArray
import org.jetbrains.kotlinx.multik.ndarray.operations.toDoubleArray

/** A vector holding the given values. */
fun tensorOf(vararg values: Double): Tensor = Tensor.of(*values)

/** A vector holding the given numbers (of any numeric type) as doubles. */
fun tensorOf(vararg values: Number): Tensor = Tensor.of(*DoubleArray(values.size) { values[it].toDouble() })

/** A matrix from its rows, which must have equal lengths: `matrixOf(doubleArrayOf(1.0, 2.0), doubleArrayOf(3.0, 4.0))`. */
fun matrixOf(vararg rows: DoubleArray): Tensor = Tensor.of(arrayOf(*rows))

/**
 * This multik array as a tensor. Shares the array's storage when it is contiguous and starts at
 * offset 0 (the usual case); otherwise copies.
 */
fun MultiArray<Double, out Dimension>.toTensor(): Tensor {
    val data = if (consistent) this.data.getDoubleArray() else toDoubleArray()
    return Tensor.wrap(data, *shape)
}

/** This tensor as a multik array of its shape (a scalar as one element), sharing storage when the tensor is contiguous. */
fun Tensor.toNDArray(): NDArray<Double, DN> {
    val dims = shape().dims().let { if (it.isEmpty()) intArrayOf(1) else it }
    return NDArray(MemoryViewDoubleArray(contiguousData()), 0, dims, rowMajorStrides(dims), DN(dims.size), null)
}

/** This vector as a multik D1 array, sharing storage when the tensor is contiguous. */
fun Tensor.toD1Array(): D1Array<Double> = NDArray(MemoryViewDoubleArray(contiguousData()), 0, dimsOfRank(1, "toD1Array"),
    rowMajorStrides(dimsOfRank(1, "toD1Array")), D1, null)

/** This matrix as a multik D2 array, sharing storage when the tensor is contiguous. */
fun Tensor.toD2Array(): D2Array<Double> = NDArray(MemoryViewDoubleArray(contiguousData()), 0, dimsOfRank(2, "toD2Array"),
    rowMajorStrides(dimsOfRank(2, "toD2Array")), D2, null)

/** This rank-3 tensor as a multik D3 array, sharing storage when the tensor is contiguous. */
fun Tensor.toD3Array(): D3Array<Double> = NDArray(MemoryViewDoubleArray(contiguousData()), 0, dimsOfRank(3, "toD3Array"),
    rowMajorStrides(dimsOfRank(3, "toD3Array")), D3, null)

private fun Tensor.dimsOfRank(rank: Int, op: String): IntArray {
    if (rank() != rank) {
        throw IllegalArgumentException("$op: needs a tensor of rank $rank, got shape ${shape()}")
    }
    return shape().dims()
}

private fun rowMajorStrides(dims: IntArray): IntArray {
    val strides = IntArray(dims.size)
    var acc = 1
    for (a in dims.indices.reversed()) {
        strides[a] = acc
        acc *= dims[a]
    }
    return strides
}
