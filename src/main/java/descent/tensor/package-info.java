/**
 * Tensors and their operations: {@link descent.tensor.Tensor} (dense float64 arrays, evaluated at
 * once), {@link descent.tensor.Value} (the same operations on values of a function being traced),
 * both speaking the vocabulary {@link descent.tensor.Ops}; every operation is a
 * {@link descent.tensor.Primitive} with its kernel and its derivative rules. Also
 * {@link descent.tensor.Params} trees of named tensors, {@link descent.tensor.Shape} and
 * {@link descent.tensor.Rng}.
 */
package descent.tensor;
