package dev.resilientpay.examples.chaos;

import dev.resilientpay.PaymentOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every order's outcome at the client against the gateway's own ledger and request log.
 *
 * @param orders               orders compared
 * @param chargedNotPaid       the payer was charged (and not given it back) but the client says not paid
 * @param paidNotCharged       the client says paid but the gateway has no charge that it kept
 * @param amountsDiffer        both say paid, but what the merchant keeps differs (a refund seen wrongly)
 * @param chargedTwice         orders the gateway charged more than once
 * @param unrequested          requests at the gateway beyond those the client decided to send
 * @param gatewayRequests      requests the gateway received
 * @param clientRequests       requests the client decided to send
 * @param examples             a few differing orders, for the report
 */
record Reconciliation(int orders, int chargedNotPaid, int paidNotCharged, int amountsDiffer, int chargedTwice,
                      long unrequested, long gatewayRequests, long clientRequests, List<String> examples) {

    private static final int MAX_EXAMPLES = 5;

    /** Compares {@code results} with what {@code gateway} holds and what {@code stats} counted. */
    static Reconciliation of(List<OrderResult> results, ChaosStats stats, GatewaySide gateway) {
        Map<String, GatewaySide.GatewayOrder> ledger = gateway.ledger();
        Map<String, Integer> requests = gateway.requestsPerOrder();
        int chargedNotPaid = 0;
        int paidNotCharged = 0;
        int amountsDiffer = 0;
        int chargedTwice = 0;
        long unrequested = 0;
        long attributed = 0;
        long neverReached = 0;
        List<String> examples = new ArrayList<>();
        for (OrderResult result : results) {
            String id = result.orderId();
            GatewaySide.GatewayOrder order = ledger.getOrDefault(id, GatewaySide.GatewayOrder.NONE);
            boolean paid = result.outcome() instanceof PaymentOutcome.Paid;
            String difference = null;
            if (!paid && order.keptFen() > 0) {
                chargedNotPaid++;
                difference = "charged " + order.keptFen() + " fen, client says " + simpleName(result);
            } else if (paid && order.keptFen() == 0 && result.expectedKeptFen() > 0) {
                paidNotCharged++;
                difference = "client says paid, gateway kept nothing (charges " + order.charges() + ")";
            } else if (order.keptFen() != result.expectedKeptFen()) {
                amountsDiffer++;
                difference = "gateway kept " + order.keptFen() + " fen, client expects " + result.expectedKeptFen();
            }
            if (order.charges() > 1) {
                chargedTwice++;
                difference = "charged " + order.charges() + " times";
            }
            int received = requests.getOrDefault(id, 0);
            attributed += received;
            long excess = received - stats.sent(id);
            neverReached += Math.max(0, -excess);
            if (excess > 0) {
                unrequested += excess;
                difference = received + " requests at the gateway, " + stats.sent(id) + " sent by the client";
            }
            if (difference != null && examples.size() < MAX_EXAMPLES) {
                examples.add(id + " (" + result.order().kind() + "): " + difference);
            }
        }
        long gatewayRequests = gateway.requestsReceived();
        // A request the gateway could not tie to an order (a refund query for a refund it never
        // created names no order) is one of the client's only if the client sent one that the
        // gateway did not count for its order; any beyond those is a request the client did not send.
        unrequested += Math.max(0, (gatewayRequests - attributed) - neverReached);
        return new Reconciliation(results.size(), chargedNotPaid, paidNotCharged, amountsDiffer, chargedTwice,
                unrequested, gatewayRequests, stats.sent(), List.copyOf(examples));
    }

    private static String simpleName(OrderResult result) {
        return result.outcome().getClass().getSimpleName();
    }

    /** Orders whose money the client and the gateway see differently. */
    int lost() {
        return chargedNotPaid + paidNotCharged + amountsDiffer;
    }

    /** Whether nothing differs. */
    boolean clean() {
        return lost() == 0 && chargedTwice == 0 && unrequested == 0;
    }
}
