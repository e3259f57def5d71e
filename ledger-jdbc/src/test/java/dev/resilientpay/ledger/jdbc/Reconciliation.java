package dev.resilientpay.ledger.jdbc;

import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.LedgerState;
import dev.resilientpay.spi.PaymentLedger;
import dev.resilientpay.testkit.AlipaySimulator;
import dev.resilientpay.testkit.AlipaySimulatorTrade;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every order reconciled between the service's ledger and the gateway's own book.
 *
 * @param orders       order ids some instance started sending
 * @param entries      ledger entries
 * @param lost         orders the gateway charged that the ledger does not record as paid
 * @param chargedTwice orders the gateway charged more than once
 * @param undecided    ledger entries not completed
 * @param phantom      orders the ledger records as paid that the gateway did not charge
 * @param outcomes     recorded outcome types and their counts
 */
record Reconciliation(int orders, int entries, List<String> lost, List<String> chargedTwice, List<String> undecided,
                      List<String> phantom, Map<String, Integer> outcomes) {

    static Reconciliation of(Set<String> orderIds, PaymentLedger ledger, String provider, String merchant,
                             AlipaySimulator gateway) {
        Map<String, LedgerEntry> byOrder = new HashMap<>();
        String after = null;
        while (true) {
            List<LedgerEntry> page = ledger.scan(provider, merchant, Instant.EPOCH, Instant.parse("2999-01-01T00:00:00Z"),
                    after, 500);
            page.forEach(e -> byOrder.put(e.orderId(), e));
            if (page.size() < 500) {
                break;
            }
            after = page.get(page.size() - 1).key().id();
        }
        Map<String, AlipaySimulatorTrade> trades = new LinkedHashMap<>();
        gateway.orders().forEach(trade -> trades.put(trade.orderId(), trade));
        List<String> lost = new ArrayList<>();
        List<String> twice = new ArrayList<>();
        List<String> undecided = new ArrayList<>();
        List<String> phantom = new ArrayList<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        for (LedgerEntry entry : byOrder.values()) {
            if (entry.state() != LedgerState.COMPLETED) {
                undecided.add(entry.orderId());
            } else {
                outcomes.merge(entry.outcome().getClass().getSimpleName(), 1, Integer::sum);
            }
        }
        for (Map.Entry<String, AlipaySimulatorTrade> trade : trades.entrySet()) {
            AlipaySimulatorTrade t = trade.getValue();
            if (t.charges() > 1) {
                twice.add(trade.getKey());
            }
            LedgerEntry entry = byOrder.get(trade.getKey());
            boolean recordedPaid = entry != null && entry.outcome() instanceof PaymentOutcome.Paid;
            if (t.paid() && !t.reversed() && !recordedPaid) {
                lost.add(trade.getKey());
            }
        }
        for (LedgerEntry entry : byOrder.values()) {
            AlipaySimulatorTrade t = trades.get(entry.orderId());
            if (entry.outcome() instanceof PaymentOutcome.Paid && (t == null || !t.paid() || t.reversed())) {
                phantom.add(entry.orderId());
            }
        }
        return new Reconciliation(orderIds.size(), byOrder.size(), lost, twice, undecided, phantom, outcomes);
    }

    String summary() {
        return orders + " orders sent, " + entries + " ledger entries " + outcomes + "; lost " + lost.size()
                + ", charged twice " + chargedTwice.size() + ", undecided " + undecided.size() + ", phantom "
                + phantom.size();
    }
}
