package dev.resilientpay.testkit.internal.alipay;

import java.util.Optional;

/**
 * The gateway's decision for one request: admission (common parameters, app, signature), then the
 * method's trade logic under the book's lock.
 */
public final class SimulatedGateway {

    private final GatewaySettings settings;
    private final TradeBook book;
    private final GatewayAdmission admission;
    private final PaymentMethods payments;
    private final RefundMethods refunds;
    private final dev.resilientpay.testkit.internal.bills.BillDesk billDesk = new dev.resilientpay.testkit.internal.bills.BillDesk();
    private final BillMethods bills;

    /** A gateway serving {@code settings}' app over {@code book}. */
    public SimulatedGateway(GatewaySettings settings, TradeBook book) {
        this.settings = settings;
        this.book = book;
        this.admission = new GatewayAdmission(settings);
        this.payments = new PaymentMethods(settings);
        this.refunds = new RefundMethods(settings);
        this.bills = new BillMethods(settings, billDesk);
    }

    /** The bill downloads this gateway serves. */
    public dev.resilientpay.testkit.internal.bills.BillDesk billDesk() {
        return billDesk;
    }

    /** The settings this gateway runs with. */
    public GatewaySettings settings() {
        return settings;
    }

    /** Admits and processes {@code request}. */
    public GatewayAnswer handle(GatewayRequest request) {
        Optional<GatewayAnswer> rejection = admission.check(request);
        if (rejection.isPresent()) {
            return rejection.get();
        }
        return book.locked(b -> switch (request.method()) {
            case PaymentMethods.PAY -> payments.pay(b, request);
            case PaymentMethods.PRECREATE -> payments.precreate(b, request);
            case PaymentMethods.CREATE -> payments.create(b, request);
            case PaymentMethods.QUERY -> payments.query(b, request);
            case PaymentMethods.CANCEL -> payments.cancel(b, request);
            case PaymentMethods.CLOSE -> payments.close(b, request);
            case RefundMethods.REFUND -> refunds.refund(b, request);
            case RefundMethods.REFUND_QUERY -> refunds.refundQuery(b, request);
            case BillMethods.DOWNLOAD_URL_QUERY -> bills.downloadUrl(b, request);
            default -> throw new IllegalStateException("admission let through " + request.method());
        });
    }

    /**
     * The system error the gateway answers for {@code request} (signed; {@code retry_flag=Y} for a cancel).
     *
     * @param processed whether the request was processed before the error
     */
    public GatewayAnswer systemError(GatewayRequest request, boolean processed) {
        String method = GatewayAdmission.METHODS.contains(request.method()) ? request.method() : "";
        AnswerNode node = AnswerNode.systemError(method, settings.systemErrorAs20000())
                .put("out_trade_no", request.biz("out_trade_no"));
        if (PaymentMethods.CANCEL.equals(method)) {
            node.put("retry_flag", "Y");
        }
        return node.answer(true, processed);
    }

    /** The order a request concerns: its {@code out_trade_no}, or the order of its {@code trade_no}. */
    public String orderOf(GatewayRequest request) {
        String outTradeNo = request.biz("out_trade_no");
        if (!outTradeNo.isEmpty()) {
            return outTradeNo;
        }
        String tradeNo = request.biz("trade_no");
        return tradeNo.isEmpty() ? "" : book.outTradeNoOf(tradeNo);
    }

    /** A pay the gateway processed had its answer broken on the way: its order's next queries may lag. */
    public void answerBroken(GatewayRequest request) {
        if (PaymentMethods.PAY.equals(request.method())) {
            book.payFaulted(request.biz("out_trade_no"));
        }
    }
}
