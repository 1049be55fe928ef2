/**
 * Internal to Descent and not exported by its module: recording traced functions as graphs (traces, variables, equations, fingerprints).
 * Use the API in {@code descent.ad} instead; these types may change without notice.
 */
package descent.internal.trace;
