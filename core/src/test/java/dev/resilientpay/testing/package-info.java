/**
 * Test fixtures for provider and pipeline tests, shipped in core's test jar: a scripted
 * {@link dev.resilientpay.testing.ScriptedProvider}, ready-made {@link dev.resilientpay.testing.Answers}
 * and {@link dev.resilientpay.testing.VirtualTime}.
 */
package dev.resilientpay.testing;
