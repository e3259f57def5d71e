/**
 * The chaos demo ({@link dev.resilientpay.examples.chaos.ChaosDemo}): a workload of thousands of
 * payments through both simulators under injected faults, a listener that counts what the clients
 * sent, a reconciliation against the simulators' own ledgers and request logs, and the report.
 */
package dev.resilientpay.examples.chaos;
