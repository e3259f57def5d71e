/**
 * Alipay (Open Platform gateway v2) for resilient-pay: configure an {@link dev.resilientpay.alipay.AlipayConfig}
 * and hand {@link dev.resilientpay.alipay.AlipayProvider#create(AlipayConfig)} to the payment client.
 */
package dev.resilientpay.alipay;
