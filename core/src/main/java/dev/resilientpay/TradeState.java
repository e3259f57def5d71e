package dev.resilientpay;

/** The state of an order at the provider, provider-neutral. */
public enum TradeState {
    /** The provider has no order with this id: it was never created (so never paid). */
    NOT_FOUND(true, false),
    /** Created and waiting for the payer (Alipay WAIT_BUYER_PAY, WeChat NOTPAY). */
    AWAITING_PAYMENT(false, false),
    /** The payer is confirming, or the bank is processing (WeChat USERPAYING / ACCEPT). */
    PROCESSING(false, false),
    /** Paid (Alipay TRADE_SUCCESS / TRADE_FINISHED, WeChat SUCCESS). */
    PAID(true, true),
    /** Paid and then (partly) refunded (WeChat REFUND). */
    REFUNDED(true, true),
    /** Closed without payment, or cancelled/reversed (Alipay TRADE_CLOSED, WeChat CLOSED / REVOKED). */
    CLOSED(true, false),
    /** The payment attempt failed at the bank (WeChat PAYERROR). */
    FAILED(true, false),
    /** The provider sent a state this library does not know; {@link TradeStatus#rawState()} keeps it. */
    UNKNOWN(false, false);

    private final boolean terminal;
    private final boolean paid;

    TradeState(boolean terminal, boolean paid) {
        this.terminal = terminal;
        this.paid = paid;
    }

    /** {@return whether the payer's money was taken} */
    public boolean isPaid() {
        return paid;
    }

    /** {@return whether no further change is expected without the merchant acting} */
    public boolean isTerminal() {
        return terminal;
    }
}
