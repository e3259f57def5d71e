package dev.resilientpay.testkit.internal.alipay;

import dev.resilientpay.testkit.AlipaySimulatorRequest;
import dev.resilientpay.testkit.Fault;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every request that reached the simulator, in arrival order. Thread-safe. */
public final class RequestLog {

    private final List<AlipaySimulatorRequest> requests = new ArrayList<>();

    /** Records one request; returns the record. */
    public synchronized AlipaySimulatorRequest record(GatewayRequest request, String outTradeNo, Fault fault,
                                                      GatewayAnswer answer) {
        AlipaySimulatorRequest entry = new AlipaySimulatorRequest(requests.size() + 1L, request.method(), outTradeNo,
                request.biz("out_request_no"), request.parameters(), Optional.ofNullable(fault),
                answer != null && answer.processed(), answer == null ? "" : answer.code(),
                answer == null ? "" : answer.subCode());
        requests.add(entry);
        return entry;
    }

    /** All requests so far. */
    public synchronized List<AlipaySimulatorRequest> all() {
        return List.copyOf(requests);
    }

    /** The requests concerning one order. */
    public synchronized List<AlipaySimulatorRequest> forOrder(String outTradeNo) {
        return requests.stream().filter(r -> r.outTradeNo().equals(outTradeNo)).toList();
    }

    /** Forgets every request. */
    public synchronized void clear() {
        requests.clear();
    }
}
