package dev.resilientpay.wechat;

import java.util.Iterator;

/**
 * The rows of a verified fund-flow bill, streamed from its copy on disk; closing deletes the copy.
 * Not thread-safe.
 */
public interface WechatFundFlowRows extends Iterator<WechatFundFlowRow>, AutoCloseable {

    /** Stops reading and deletes the downloaded file. */
    @Override
    void close();
}
