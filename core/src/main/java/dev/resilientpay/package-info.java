/**
 * resilient-pay's public API: {@link dev.resilientpay.PaymentClient} and the values it takes and
 * returns. Every payment call ends in a definite, typed outcome ({@link dev.resilientpay.PaymentOutcome})
 * or an explicit in-doubt state that {@link dev.resilientpay.PaymentClient#resolve(String)} finishes.
 */
package dev.resilientpay;
