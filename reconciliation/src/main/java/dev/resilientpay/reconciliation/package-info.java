/**
 * Daily reconciliation: a provider's trade bill ({@link dev.resilientpay.spi.BillSource}) against the
 * payment ledger, with typed {@link dev.resilientpay.reconciliation.Discrepancy discrepancies}, fixes
 * limited to queries, and JSON/CSV reports. Start with {@link dev.resilientpay.reconciliation.Reconciler}.
 */
package dev.resilientpay.reconciliation;
