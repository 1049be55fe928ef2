package descent.plot

/** At most [max] indices of 0 until [n], evenly spaced, always including the first and the last. */
internal fun thin(n: Int, max: Int): IntArray {
    if (n <= max) return IntArray(n) { it }
    return IntArray(max) { Math.round(it.toDouble() * (n - 1) / (max - 1)).toInt() }.distinct().toIntArray()
}
