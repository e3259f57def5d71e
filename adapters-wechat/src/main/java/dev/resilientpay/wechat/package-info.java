/**
 * WeChat Pay API v3 for resilient-pay: {@link dev.resilientpay.wechat.WechatPayConfig} (one merchant)
 * and {@link dev.resilientpay.wechat.WechatPayProvider} (the provider the payment client drives).
 */
package dev.resilientpay.wechat;
