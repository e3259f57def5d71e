/**
 * The WeChat Pay adapter's implementation: request signing, response and notification verification,
 * platform keys, decryption, the error table and the wire format. Not API: may change at any time.
 */
package dev.resilientpay.wechat.internal;
