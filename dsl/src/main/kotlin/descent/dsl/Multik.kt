package descent.dsl

import descent.tensor.Tensor
import org.jetbrains.kotlinx.multik.ndarray.data.DN
import org.jetbrains.kotlinx.multik.ndarray.data.Dimension
import org.jetbrains.kotlinx.multik.ndarray.data.MemoryViewDoubleArray
import org.jetbrains.kotlinx.multik.ndarray.data.MultiArray
import org.jetbrains.kotlinx.multik.ndarray.data.NDArray
import org.jetbrains.kotlinx.multik.ndarray.operations.toDoubleArray

/** A vector holding the given values. */
fun tensorOf(vararg values: Double): Tensor = Tensor.of(*values)

/**
 * This multik array as a tensor. Shares the array's storage when it is contiguous and starts at
 * offset 0 (the usual case); otherwise copies.
 */
fun MultiArray<Double, out Dimension>.toTensor(): Tensor {
    val data = if (consistent) this.data.getDoubleArray() else toDoubleArray()
    return Tensor.wrap(data, *shape)
}

/** This tensor as a multik array of its shape, sharing storage when the tensor is contiguous. */
fun Tensor.toNDArray(): NDArray<Double, DN> {
    val dims = shape().dims().let { if (it.isEmpty()) intArrayOf(1) else it }
    val strides = IntArray(dims.size)
    var acc = 1
    for (a in dims.indices.reversed()) {
        strides[a] = acc
        acc *= dims[a]
    }
    return NDArray(MemoryViewDoubleArray(contiguousData()), 0, dims, strides, DN(dims.size), null)
}
