package dev.resilientpay.testkit.internal.wechat;

import dev.resilientpay.testkit.WechatPaySimulatorRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Every request the simulator received, in arrival order. Thread-safe. */
public final class Journal {

    private final List<WechatPaySimulatorRequest> requests = new ArrayList<>();

    /** Appends one request; the sequence number is assigned here. */
    public synchronized void record(String operation, String method, String url, String outTradeNo,
                                    String outRefundNo, boolean signatureValid, String fault, int status) {
        requests.add(new WechatPaySimulatorRequest(requests.size() + 1L, operation, method, url, outTradeNo,
                outRefundNo, signatureValid, fault, status));
    }

    /** Forgets every request. */
    public synchronized void clear() {
        requests.clear();
    }

    /** Every request so far. */
    public synchronized List<WechatPaySimulatorRequest> all() {
        return List.copyOf(requests);
    }

    /** The requests concerning {@code outTradeNo}. */
    public synchronized List<WechatPaySimulatorRequest> forOrder(String outTradeNo) {
        return requests.stream().filter(r -> Objects.equals(outTradeNo, r.outTradeNo())).toList();
    }

    /** How many requests of {@code operation} concerned {@code outTradeNo}. */
    public synchronized int count(String outTradeNo, String operation) {
        return (int) requests.stream()
                .filter(r -> Objects.equals(outTradeNo, r.outTradeNo()) && r.operation().equals(operation)).count();
    }

    /** How many requests of {@code operation} arrived. */
    public synchronized int count(String operation) {
        return (int) requests.stream().filter(r -> r.operation().equals(operation)).count();
    }
}
