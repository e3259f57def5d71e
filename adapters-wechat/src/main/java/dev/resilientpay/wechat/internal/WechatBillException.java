package dev.resilientpay.wechat.internal;

/** A WeChat Pay bill file that cannot be trusted: cut short, or not in the expected format. */
public final class WechatBillException extends RuntimeException {

    private final boolean truncated;

    /**
     * @param truncated whether the file ended early (rather than being malformed)
     * @param message   what is wrong, naming the line
     */
    public WechatBillException(boolean truncated, String message) {
        super(message, null, false, false);
        this.truncated = truncated;
    }

    /** Whether the file ended early. */
    public boolean truncated() {
        return truncated;
    }
}
