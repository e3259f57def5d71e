package dev.resilientpay.wechat;

import dev.resilientpay.spi.BillProblem;
import java.util.Objects;

/** What {@link WechatPayBills#fundFlowBill} got: a sealed family that a {@code switch} must handle. */
public sealed interface WechatFundFlowAnswer {

    /**
     * The bill was downloaded, its digest and summary checked: its rows, to be closed.
     *
     * @param rows the rows
     */
    record Ready(WechatFundFlowRows rows) implements WechatFundFlowAnswer {
        /**
         * Validates the rows.
         *
         * @param rows the rows
         */
        public Ready {
            Objects.requireNonNull(rows, "rows");
        }
    }

    /**
     * Not produced yet ({@code NO_STATEMENT_EXIST}, {@code STATEMENT_CREATING}): ask again later.
     *
     * @param detail the provider's code and message
     */
    record NotReady(String detail) implements WechatFundFlowAnswer {
        /**
         * Validates the detail.
         *
         * @param detail the provider's code and message
         */
        public NotReady {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * No trustworthy bill: nothing of it may be used.
     *
     * @param problem   why
     * @param retryable whether asking again may succeed
     * @param detail    what happened
     */
    record Failed(BillProblem problem, boolean retryable, String detail) implements WechatFundFlowAnswer {
        /**
         * Validates the fields.
         *
         * @param problem   why
         * @param retryable whether asking again may succeed
         * @param detail    what happened
         */
        public Failed {
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
