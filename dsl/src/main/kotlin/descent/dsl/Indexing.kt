package descent.dsl

import descent.tensor.Ops
import descent.tensor.Tensor
import descent.tensor.Value

/** Keeps a whole axis when indexing: `x[all, 0]` is the first column of a matrix. */
object All {
    override fun toString(): String = "all"
}

/** Keeps a whole axis when indexing: `x[all, 0]` is the first column of a matrix. */
val all: All = All

/**
 * Selects from a traced value, one selector per leading axis (NumPy's basic indexing): an Int
 * picks one position and removes the axis (negative positions count from the end); an IntRange
 * or progression (`1..3`, `0 until n step 2`) keeps the positions it lists; [all] keeps the axis.
 * Axes without a selector are kept whole. `x[0]` of a vector is a scalar, `x[1, all]` the second
 * row of a matrix, `x[0 until 2]` its first two rows.
 */
operator fun Value.get(vararg index: Any): Value = select(this, index)

/**
 * Selects from a tensor like [Value.get], returning a view. With Ints only, Kotlin calls the
 * tensor's own `get`, which takes one Int per axis and returns the element as a Double.
 */
operator fun Tensor.get(vararg index: Any): Tensor = select(this, index)

private fun <T : Ops<T>> select(x: T, index: Array<out Any>): T {
    if (index.size > x.rank()) {
        throw IndexOutOfBoundsException("index: ${index.size} selectors for shape ${x.shape()} of rank ${x.rank()}")
    }
    var r = x
    var axis = 0
    for (s in index) {
        val n = r.shape().dim(axis)
        when (s) {
            is Int -> {
                val i = if (s < 0) s + n else s
                if (i < 0 || i >= n) {
                    throw IndexOutOfBoundsException("index: position $s is out of range for axis $axis of length $n (shape ${x.shape()})")
                }
                r = r.index(axis, i)
            }
            is IntProgression -> {
                if (s.step <= 0) {
                    throw IllegalArgumentException("index: ranges must have a positive step, got $s")
                }
                if (s.isEmpty()) {
                    throw IllegalArgumentException("index: the range $s selects nothing on axis $axis of length $n")
                }
                if (s.first < 0 || s.last >= n) {
                    throw IndexOutOfBoundsException("index: range $s is out of range for axis $axis of length $n (shape ${x.shape()})")
                }
                r = r.slice(axis, s.first, s.last + 1, s.step)
                axis++
            }
            is All -> axis++
            else -> throw IllegalArgumentException(
                "index: selectors are Int, IntRange/IntProgression or all, got ${s::class.simpleName} $s")
        }
    }
    return r
}
