package dev.resilientpay.examples.chaos;

import dev.resilientpay.spi.PaymentProvider;
import dev.resilientpay.testkit.Fault;
import dev.resilientpay.testkit.FaultPlan;
import java.util.List;
import java.util.Map;

/**
 * The gateway's side of the demo, for one provider: the simulator, its faults, its payers, and its
 * own ledger and request log, which the reconciliation trusts instead of the client.
 */
interface GatewaySide extends AutoCloseable {

    /**
     * What the gateway knows of one order.
     *
     * @param charges     how many times the payer was charged (0 or 1 for a correct client)
     * @param keptFen     what the merchant keeps: charged, minus refunds and reversals, in fen
     * @param refundedFen the sum of refunds given back, in fen
     */
    record GatewayOrder(int charges, long keptFen, long refundedFen) {
        static final GatewayOrder NONE = new GatewayOrder(0, 0, 0);
    }

    /** {@code alipay} or {@code wechat}. */
    String name();

    /** An adapter configured for the simulator. */
    PaymentProvider provider();

    /** The simulator's fault plan. */
    FaultPlan faults();

    /** The faults this gateway can suffer. */
    List<Fault> faultMix();

    /** A new payment code whose payer behaves as {@code payer}. */
    String paymentCode(PayerScript payer);

    /** Scripts the payer of a QR order that is about to be created. */
    void scriptQrPayer(String orderId, PayerScript payer);

    /** The payer scans the QR order and pays now. */
    void payerPays(String orderId);

    /** The gateway's own record of every order it holds. */
    Map<String, GatewayOrder> ledger();

    /** How many requests reached the gateway for each order (including broken ones). */
    Map<String, Integer> requestsPerOrder();

    /** How many requests reached the gateway in all. */
    int requestsReceived();

    /** Stops the simulator. */
    @Override
    void close();
}
