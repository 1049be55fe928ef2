/**
 * Internal to Descent and not exported by its module: compiling graphs into plans with preallocated, reused buffers.
 * Use the API in {@code descent.ad} instead; these types may change without notice.
 */
package descent.internal.plan;
