package dev.resilientpay.wechat.safety;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.resilientpay.wechat.support.WechatSigning.signed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.FailureReason;
import dev.resilientpay.Money;
import dev.resilientpay.Notification;
import dev.resilientpay.NotificationResult;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.RefundStatus;
import dev.resilientpay.spi.Attempt;
import dev.resilientpay.wechat.support.GatewayTestBase;
import dev.resilientpay.wechat.support.Vectors;
import dev.resilientpay.wechat.support.WechatSigning;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, finding 2: WeChat's {@code out_refund_no} is unique per merchant, so a refund id already used on
 * order B, sent again for order A, gets B's refund back. That answer must never make A's refund succeed.
 */
class WechatRefundAnswerForAnotherOrderTest extends GatewayTestBase {

    private static final String OTHER_ORDER = "ORDER_OTHER_0002";
    private static final String REFUND_ID = "REFUND_20231115_0001";
    /** B's refund, done: what WeChat answers for the reused id. */
    private static final String REFUND_OF_OTHER_ORDER = "{\"out_refund_no\":\"" + REFUND_ID + "\",\"out_trade_no\":\""
            + OTHER_ORDER + "\",\"refund_id\":\"50000000382019052709732678859\",\"status\":\"SUCCESS\","
            + "\"success_time\":\"2023-11-15T07:00:05+08:00\",\"amount\":{\"refund\":60,\"total\":100,\"currency\":\"CNY\"}}";

    private RefundRequest refundOfOrderA() {
        return RefundRequest.builder().orderId(ORDER).refundId(REFUND_ID).amount(Money.cny(60))
                .orderAmount(Money.cny(100)).build();
    }

    @Test
    void refundAnsweredWithAnotherOrdersRefundIsNeverSucceeded() {
        GATEWAY.stubFor(post("/v3/refund/domestic/refunds").willReturn(signed(200, REFUND_OF_OTHER_ORDER, now())));

        Attempt<RefundStatus> attempt = provider().refund(refundOfOrderA(), context());

        assertThat(attempt).isInstanceOf(Attempt.Unknown.class);
        var failure = ((Attempt.Unknown<RefundStatus>) attempt).failure();
        assertThat(failure.reason()).isEqualTo(FailureReason.IDEMPOTENCY_CONFLICT);
        assertThat(failure.providerMessage()).contains(OTHER_ORDER).contains("unique per merchant");
    }

    @Test
    void refundQueryAnsweredWithAnotherOrdersRefundIsNeverSucceeded() {
        GATEWAY.stubFor(get("/v3/refund/domestic/refunds/" + REFUND_ID)
                .willReturn(signed(200, REFUND_OF_OTHER_ORDER, now())));

        Attempt<RefundStatus> attempt = provider().queryRefund(ORDER, REFUND_ID, context());

        assertThat(attempt).isInstanceOf(Attempt.Unknown.class);
        assertThat(((Attempt.Unknown<RefundStatus>) attempt).failure().reason())
                .isEqualTo(FailureReason.IDEMPOTENCY_CONFLICT);
    }

    /**
     * A notification has no request to compare with: it names its own order, so B's refund notification
     * is reported for B and the ledger's (A, refund id) entry is not the one it completes.
     */
    @Test
    void refundNotificationOfAnotherOrderIsReportedForThatOrder() {
        String plaintext = "{\"mchid\":\"1900000109\",\"out_trade_no\":\"" + OTHER_ORDER + "\",\"out_refund_no\":\""
                + REFUND_ID + "\",\"refund_id\":\"5000\",\"refund_status\":\"SUCCESS\",\"amount\":{\"refund\":60,"
                + "\"total\":100}}";
        String body = WechatSigning.notificationBody("EV-R", "REFUND.SUCCESS", "refund", plaintext, Vectors.API_V3_KEY);
        var headers = WechatSigning.headers(body, Vectors.PUBLIC_KEY_ID, Vectors.platformPrivateKey(), now());

        NotificationResult result = provider().notifications().verify(headers, body.getBytes(StandardCharsets.UTF_8));

        var refund = (Notification.RefundNotification) ((NotificationResult.Accepted) result).notification();
        assertThat(refund.orderId()).isEqualTo(OTHER_ORDER);
        assertThat(refund.status().refundId()).isEqualTo(REFUND_ID);
    }
}
