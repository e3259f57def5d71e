/**
 * Implementation shared by the adapters (log-safe values, bill-file reading). Public only because the
 * adapters live in other modules: not an API, it may change in any release.
 */
package dev.resilientpay.transport.internal;
