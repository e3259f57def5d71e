/**
 * For provider and ledger authors: the {@link dev.resilientpay.spi.PaymentProvider} contract (one attempt,
 * classified), the {@link dev.resilientpay.spi.PaymentLedger} contract, and the key and signature
 * helpers both adapters use. Application code does not need this package.
 */
package dev.resilientpay.spi;
