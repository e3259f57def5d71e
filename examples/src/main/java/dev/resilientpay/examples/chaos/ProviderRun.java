package dev.resilientpay.examples.chaos;

import java.util.List;

/**
 * Everything the report needs about one provider's part of the run.
 *
 * @param name            provider name
 * @param results         every order, resolved
 * @param stats           what the client's listener counted
 * @param faultsInjected  how many requests the gateway broke
 * @param reconciliation  the comparison with the gateway's ledger
 */
record ProviderRun(String name, List<OrderResult> results, ChaosStats stats, long faultsInjected,
                   Reconciliation reconciliation) {}
