package dev.resilientpay.alipay.internal;

/** An Alipay bill file that cannot be trusted: cut short, or not in the expected format. */
public final class AlipayBillException extends RuntimeException {

    private final boolean truncated;

    /**
     * @param truncated whether the file ended early (rather than being malformed)
     * @param message   what is wrong, naming the line
     */
    public AlipayBillException(boolean truncated, String message) {
        super(message, null, false, false);
        this.truncated = truncated;
    }

    /** Whether the file ended early. */
    public boolean truncated() {
        return truncated;
    }
}
