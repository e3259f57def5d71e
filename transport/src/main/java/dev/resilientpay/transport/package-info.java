/**
 * The HTTP plumbing shared by the adapters: one OkHttp exchange, sent once, bounded in time and size,
 * reporting whether the request may have reached the gateway. Not for application code.
 */
package dev.resilientpay.transport;
