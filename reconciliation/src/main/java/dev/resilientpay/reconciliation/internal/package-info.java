/** Internals of reconciliation: the external sort of the bill, the ledger cursor, report writers. Not API. */
package dev.resilientpay.reconciliation.internal;
