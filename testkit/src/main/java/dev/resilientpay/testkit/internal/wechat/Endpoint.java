package dev.resilientpay.testkit.internal.wechat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Which v3 API a request calls, with the identifier in its path, parsed from the raw URL.
 *
 * @param operation the simulator's operation name (also the {@code FaultPlan} key)
 * @param kind      the API
 * @param pathId    the out_trade_no, transaction id or out_refund_no in the path (decoded), or {@code null}
 * @param query     the raw query string, or {@code null}
 */
public record Endpoint(String operation, Kind kind, String pathId, String query) {

    /** The v3 APIs the simulator implements. */
    public enum Kind {
        /** Native, JSAPI, APP or H5 prepay. */
        PREPAY,
        /** Payment-code pay. */
        CODEPAY,
        /** Query by out_trade_no. */
        QUERY_BY_OUT_TRADE_NO,
        /** Query by transaction id. */
        QUERY_BY_TRANSACTION_ID,
        /** Close. */
        CLOSE,
        /** Reverse (payment code). */
        REVERSE,
        /** Refund. */
        REFUND,
        /** Refund query. */
        REFUND_QUERY,
        /** Platform certificate download. */
        CERTIFICATES,
        /** Trade bill ({@code GET /v3/bill/tradebill}). */
        TRADE_BILL,
        /** Fund-flow bill ({@code GET /v3/bill/fundflowbill}). */
        FUND_FLOW_BILL,
        /** Bill file download ({@code GET /v3/billdownload/file}). */
        BILL_DOWNLOAD,
        /** Anything else. */
        UNKNOWN
    }

    private static final String TRANSACTIONS = "/v3/pay/transactions/";
    private static final String BY_OUT_TRADE_NO = TRANSACTIONS + "out-trade-no/";
    private static final String BY_ID = TRANSACTIONS + "id/";
    private static final String REFUNDS = "/v3/refund/domestic/refunds";

    /** Parses {@code method} and the raw {@code url} (path and query as received). */
    public static Endpoint of(String method, String url) {
        int question = url.indexOf('?');
        String path = question < 0 ? url : url.substring(0, question);
        String query = question < 0 ? null : url.substring(question + 1);
        boolean post = "POST".equals(method);
        boolean get = "GET".equals(method);
        if (post && path.startsWith(TRANSACTIONS) && path.indexOf('/', TRANSACTIONS.length()) < 0) {
            String name = path.substring(TRANSACTIONS.length());
            switch (name) {
                case "native", "jsapi", "app", "h5":
                    return new Endpoint(name, Kind.PREPAY, null, query);
                case "codepay":
                    return new Endpoint(name, Kind.CODEPAY, null, query);
                default:
                    break;
            }
        }
        if (path.startsWith(BY_OUT_TRADE_NO)) {
            String rest = path.substring(BY_OUT_TRADE_NO.length());
            int slash = rest.indexOf('/');
            if (get && slash < 0 && !rest.isEmpty()) {
                return new Endpoint("query", Kind.QUERY_BY_OUT_TRADE_NO, decode(rest), query);
            }
            if (post && slash > 0 && rest.substring(slash).equals("/close")) {
                return new Endpoint("close", Kind.CLOSE, decode(rest.substring(0, slash)), query);
            }
            if (post && slash > 0 && rest.substring(slash).equals("/reverse")) {
                return new Endpoint("reverse", Kind.REVERSE, decode(rest.substring(0, slash)), query);
            }
        }
        if (get && path.startsWith(BY_ID) && path.length() > BY_ID.length()
                && path.indexOf('/', BY_ID.length()) < 0) {
            return new Endpoint("query", Kind.QUERY_BY_TRANSACTION_ID, decode(path.substring(BY_ID.length())), query);
        }
        if (post && path.equals(REFUNDS)) {
            return new Endpoint("refund", Kind.REFUND, null, query);
        }
        if (get && path.startsWith(REFUNDS + "/") && path.length() > REFUNDS.length() + 1
                && path.indexOf('/', REFUNDS.length() + 1) < 0) {
            return new Endpoint("refund-query", Kind.REFUND_QUERY, decode(path.substring(REFUNDS.length() + 1)), query);
        }
        if (get && path.equals("/v3/certificates")) {
            return new Endpoint("certificates", Kind.CERTIFICATES, null, query);
        }
        if (get && path.equals("/v3/bill/tradebill")) {
            return new Endpoint("tradebill", Kind.TRADE_BILL, null, query);
        }
        if (get && path.equals("/v3/bill/fundflowbill")) {
            return new Endpoint("fundflowbill", Kind.FUND_FLOW_BILL, null, query);
        }
        if (get && path.equals(BillService.DOWNLOAD_PATH)) {
            return new Endpoint("billdownload", Kind.BILL_DOWNLOAD, null, query);
        }
        return new Endpoint("unknown", Kind.UNKNOWN, null, query);
    }

    /** The raw value of query parameter {@code name} (percent-decoded), or {@code null}. */
    public String queryParameter(String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (decode(key).equals(name)) {
                return equals < 0 ? "" : decode(pair.substring(equals + 1));
            }
        }
        return null;
    }

    /** Percent-decoding of a path segment ({@code +} stays a plus). Malformed escapes are kept as they are. */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()
                    && Character.digit(raw.charAt(i + 1), 16) >= 0 && Character.digit(raw.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
