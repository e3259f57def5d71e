package dev.resilientpay;

/** The state of a refund at the provider, provider-neutral. */
public enum RefundState {
    /** Accepted, money not yet back with the payer. */
    PROCESSING(false),
    /** Money returned. */
    SUCCEEDED(true),
    /** Closed by the provider without refunding. */
    CLOSED(true),
    /** Could not be paid out (e.g. payer's card cancelled); needs the merchant's action. */
    ABNORMAL(true),
    /** The provider has no refund with this id. */
    NOT_FOUND(true),
    /** A state this library does not know; {@link RefundStatus#rawState()} keeps it. */
    UNKNOWN(false);

    private final boolean terminal;

    RefundState(boolean terminal) {
        this.terminal = terminal;
    }

    /** {@return whether no further change is expected without the merchant acting} */
    public boolean isTerminal() {
        return terminal;
    }
}
