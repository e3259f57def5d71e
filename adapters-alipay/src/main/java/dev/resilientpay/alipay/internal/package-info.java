/**
 * The Alipay adapter's implementation: request signing, response and notification verification,
 * the error table and the operations. Not API: may change in any release.
 */
package dev.resilientpay.alipay.internal;
