/**
 * Micrometer metrics and observations for resilient-pay, without Spring:
 * {@link dev.resilientpay.micrometer.MicrometerPaymentListener} turns the pipeline's
 * {@link dev.resilientpay.PaymentListener} events into an {@code Observation} per call
 * ({@code resilientpay.operation}) and meters for attempts, retries, polls and the circuit breaker.
 * Tag names and values come from a {@link dev.resilientpay.micrometer.PaymentObservationConvention}
 * that users may replace. Every meter is listed in {@code docs/observability.md}.
 */
package dev.resilientpay.micrometer;
