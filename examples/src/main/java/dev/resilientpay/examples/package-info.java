/**
 * Runnable examples of resilient-pay. Each one works out of the box against an embedded simulator
 * of the gateway (no credentials, loopback only) and against a real sandbox when its environment
 * variables are set (see {@link dev.resilientpay.examples.Sandbox}):
 *
 * <ul>
 *   <li>{@link dev.resilientpay.examples.TillCheckout}: one till for both wallets: the scanned payment code picks Alipay or WeChat Pay;</li>
 *   <li>{@link dev.resilientpay.examples.QrCheckout}: QR checkout with a notification endpoint;</li>
 *   <li>{@link dev.resilientpay.examples.RefundAndStatus}: a refund and its status;</li>
 *   <li>{@link dev.resilientpay.examples.CrashRecovery}: {@code recover()} on start-up after a crash;</li>
 *   <li>{@link dev.resilientpay.examples.chaos.ChaosDemo}: thousands of payments under injected faults,
 *       reconciled against the simulators' own ledgers.</li>
 * </ul>
 */
package dev.resilientpay.examples;
