/**
 * The implementation behind {@link dev.resilientpay.PaymentClient}: the call pipeline and its small
 * collaborators. Not an API: anything here may change in any release.
 */
package dev.resilientpay.internal;
