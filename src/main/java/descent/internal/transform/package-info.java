/**
 * Internal to Descent and not exported by its module: graph-to-graph transforms (forward, reverse, Taylor mode, batching, simplification).
 * Use the API in {@code descent.ad} instead; these types may change without notice.
 */
package descent.internal.transform;
