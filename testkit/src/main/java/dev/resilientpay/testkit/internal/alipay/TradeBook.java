package dev.resilientpay.testkit.internal.alipay;

import dev.resilientpay.testkit.AlipaySimulatorPayer;
import dev.resilientpay.testkit.AlipaySimulatorTrade;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Every trade the simulated gateway knows, the payer scripts, and the orders cancelled before they
 * existed. One lock guards it all: each request's read-check-write happens atomically, as on a
 * gateway with a unique index on {@code out_trade_no}.
 */
public final class TradeBook {

    private final Object lock = new Object();
    private final Map<String, SimulatedTrade> byOutTradeNo = new LinkedHashMap<>();
    private final Map<String, SimulatedTrade> byTradeNo = new HashMap<>();
    /** Orders cancelled while unknown: a late pay for them must not charge (Alipay reverses it). */
    private final Set<String> cancelledUnknown = new HashSet<>();
    private final Map<String, AlipaySimulatorPayer> codeScripts = new ConcurrentHashMap<>();
    private final Map<String, AlipaySimulatorPayer> orderScripts = new ConcurrentHashMap<>();
    private final AlipaySimulatorPayer initialDefaultPayer;
    private volatile AlipaySimulatorPayer defaultPayer;
    private long tradeSequence;
    private long codeSequence;
    /** Orders whose next queries answer {@code ACQ.TRADE_NOT_EXIST}, as a lagging replica would. */
    private final Map<String, Integer> laggingQueries = new HashMap<>();
    private int lagAfterFaultedPay;
    private boolean consumePaymentCodes;

    /** A book whose unscripted payment codes behave as {@code defaultPayer}. */
    public TradeBook(AlipaySimulatorPayer defaultPayer) {
        this.initialDefaultPayer = defaultPayer;
        this.defaultPayer = defaultPayer;
    }

    /** Runs {@code action} holding the book's lock. */
    <T> T locked(Function<TradeBook, T> action) {
        synchronized (lock) {
            return action.apply(this);
        }
    }

    SimulatedTrade find(String outTradeNo, String tradeNo) {
        if (!outTradeNo.isEmpty()) {
            return byOutTradeNo.get(outTradeNo);
        }
        return tradeNo.isEmpty() ? null : byTradeNo.get(tradeNo);
    }

    /** The trade for a request, but only if Alipay would admit it exists (a QR order nobody scanned does not). */
    SimulatedTrade findVisible(String outTradeNo, String tradeNo) {
        SimulatedTrade trade = find(outTradeNo, tradeNo);
        return trade != null && trade.visible ? trade : null;
    }

    SimulatedTrade open(String outTradeNo, String method, BigDecimal amount, String subject, String buyerId,
                        String notifyUrl, String now, boolean visible) {
        tradeSequence++;
        String date = now.substring(0, 10).replace("-", "");
        String tradeNo = date + "22001" + String.format("%015d", tradeSequence);
        String qrCode = "https://qr.alipay.com/bax" + String.format("%08d", tradeSequence) + "sim";
        SimulatedTrade trade = new SimulatedTrade(outTradeNo, tradeNo, method, amount, subject, buyerId, notifyUrl,
                now, qrCode, visible);
        byOutTradeNo.put(outTradeNo, trade);
        byTradeNo.put(tradeNo, trade);
        return trade;
    }

    /** The next {@code queries} queries of {@code outTradeNo} answer {@code ACQ.TRADE_NOT_EXIST}. */
    public void lagQueries(String outTradeNo, int queries) {
        synchronized (lock) {
            laggingQueries.put(outTradeNo, queries);
        }
    }

    /** After a pay that was processed but faulted, the next {@code queries} queries of its order lag. */
    public void lagQueriesAfterFaultedPay(int queries) {
        synchronized (lock) {
            lagAfterFaultedPay = queries;
        }
    }

    /** Whether a payment code is consumed by the first pay that creates the trade (a re-send is refused). */
    public void consumePaymentCodes(boolean consume) {
        synchronized (lock) {
            consumePaymentCodes = consume;
        }
    }

    /** Called by the gateway when a pay for {@code outTradeNo} was processed and its answer then broken. */
    public void payFaulted(String outTradeNo) {
        synchronized (lock) {
            if (lagAfterFaultedPay > 0 && byOutTradeNo.containsKey(outTradeNo)) {
                laggingQueries.put(outTradeNo, lagAfterFaultedPay);
            }
        }
    }

    /** Whether this query of {@code outTradeNo} meets a lagging replica: counts one lagging query down. */
    boolean queryLags(String outTradeNo) {
        Integer left = laggingQueries.get(outTradeNo);
        if (left == null || left == 0) {
            return false;
        }
        laggingQueries.put(outTradeNo, left - 1);
        return true;
    }

    /** Whether a pay for {@code outTradeNo} re-sends a code already consumed by an earlier pay. */
    boolean codeConsumed(String outTradeNo) {
        return consumePaymentCodes && byOutTradeNo.containsKey(outTradeNo);
    }

    boolean cancelledWhileUnknown(String outTradeNo) {
        return cancelledUnknown.contains(outTradeNo);
    }

    void markCancelledWhileUnknown(String outTradeNo) {
        cancelledUnknown.add(outTradeNo);
    }

    /** The payer for a new trade: the order's script, else the payment code's, else the default. */
    AlipaySimulatorPayer payerFor(String outTradeNo, String authCode) {
        AlipaySimulatorPayer forOrder = orderScripts.get(outTradeNo);
        if (forOrder != null) {
            return forOrder;
        }
        AlipaySimulatorPayer forCode = authCode.isEmpty() ? null : codeScripts.get(authCode);
        return forCode != null ? forCode : defaultPayer;
    }

    /** The script for an order created by precreate or create, if the test set one. */
    Optional<AlipaySimulatorPayer> orderScript(String outTradeNo) {
        return Optional.ofNullable(orderScripts.get(outTradeNo));
    }

    /** Scripts the payer behind one payment code. */
    public void scriptPaymentCode(String authCode, AlipaySimulatorPayer payer) {
        codeScripts.put(authCode, payer);
    }

    /**
     * Scripts the payer of one order, whatever method creates it; an existing trade still waiting for
     * its payer takes the script at once (and counts as scanned).
     */
    public void scriptOrder(String outTradeNo, AlipaySimulatorPayer payer, String now) {
        synchronized (lock) {
            orderScripts.put(outTradeNo, payer);
            SimulatedTrade trade = byOutTradeNo.get(outTradeNo);
            if (trade != null && trade.waiting()) {
                trade.visible = true;
                trade.queriesUntilPaid = 0;
                trade.startPayer(payer, now);
            }
        }
    }

    /** Sets the behaviour of payment codes without a script. */
    public void defaultPayer(AlipaySimulatorPayer payer) {
        this.defaultPayer = payer;
    }

    /** A fresh, well-formed 18-digit payment code, scripted as {@code payer}. */
    public String newPaymentCode(AlipaySimulatorPayer payer) {
        String code;
        synchronized (lock) {
            codeSequence++;
            code = "28" + (7_000_000_000_000_000L + codeSequence);
        }
        codeScripts.put(code, payer);
        return code;
    }

    /** A snapshot of one trade. */
    public Optional<AlipaySimulatorTrade> snapshot(String outTradeNo) {
        synchronized (lock) {
            SimulatedTrade trade = byOutTradeNo.get(outTradeNo);
            return Optional.ofNullable(trade == null ? null : trade.snapshot());
        }
    }

    /** Snapshots of every trade, in creation order. */
    public List<AlipaySimulatorTrade> orders() {
        synchronized (lock) {
            return byOutTradeNo.values().stream().map(SimulatedTrade::snapshot).toList();
        }
    }

    /**
     * The payer scans a QR order: the trade becomes visible to queries (still unpaid).
     *
     * @throws IllegalStateException when the order does not exist or is not waiting
     */
    public AlipaySimulatorTrade payerScans(String outTradeNo) {
        synchronized (lock) {
            SimulatedTrade trade = waitingTrade(outTradeNo);
            trade.visible = true;
            return trade.snapshot();
        }
    }

    /**
     * The payer pays a waiting order (QR, in-app, or a barcode payment still being confirmed).
     *
     * @throws IllegalStateException when the order does not exist or is not waiting
     */
    public AlipaySimulatorTrade payerPays(String outTradeNo, String now) {
        synchronized (lock) {
            SimulatedTrade trade = waitingTrade(outTradeNo);
            trade.pay(now);
            return trade.snapshot();
        }
    }

    /**
     * Marks a paid trade finished (no longer refundable), as Alipay does after the refund period.
     *
     * @throws IllegalStateException when the trade is not paid
     */
    public AlipaySimulatorTrade finish(String outTradeNo) {
        synchronized (lock) {
            SimulatedTrade trade = byOutTradeNo.get(outTradeNo);
            if (trade == null || !SimulatedTrade.TRADE_SUCCESS.equals(trade.status)) {
                throw new IllegalStateException("order " + outTradeNo + " is not TRADE_SUCCESS");
            }
            trade.status = SimulatedTrade.TRADE_FINISHED;
            return trade.snapshot();
        }
    }

    /** The order id of a trade number, or the empty string (for logging requests that name a trade_no only). */
    String outTradeNoOf(String tradeNo) {
        synchronized (lock) {
            SimulatedTrade trade = byTradeNo.get(tradeNo);
            return trade == null ? "" : trade.outTradeNo;
        }
    }

    /** Forgets every trade and script, and restores the default payer. */
    public void clear() {
        synchronized (lock) {
            byOutTradeNo.clear();
            byTradeNo.clear();
            cancelledUnknown.clear();
            laggingQueries.clear();
            lagAfterFaultedPay = 0;
            consumePaymentCodes = false;
            codeScripts.clear();
            orderScripts.clear();
            defaultPayer = initialDefaultPayer;
        }
    }

    private SimulatedTrade waitingTrade(String outTradeNo) {
        SimulatedTrade trade = byOutTradeNo.get(outTradeNo);
        if (trade == null) {
            throw new IllegalStateException("no trade for order " + outTradeNo);
        }
        if (!trade.waiting()) {
            throw new IllegalStateException("order " + outTradeNo + " is " + trade.status + ", not WAIT_BUYER_PAY");
        }
        return trade;
    }

    /** Every trade in creation order; the caller holds the lock ({@link #locked}). */
    java.util.Collection<SimulatedTrade> tradesLocked() {
        return byOutTradeNo.values();
    }

    /**
     * A refund made in the merchant portal, outside the API: booked like any refund, under a
     * generated {@code out_request_no}.
     */
    public AlipaySimulatorTrade portalRefund(String outTradeNo, java.math.BigDecimal amount, String now) {
        synchronized (lock) {
            SimulatedTrade trade = byOutTradeNo.get(outTradeNo);
            if (trade == null || !trade.paid()) {
                throw new IllegalStateException("trade " + outTradeNo + " is not paid, it cannot be refunded");
            }
            if (trade.refundedAmount.add(amount).compareTo(trade.totalAmount) > 0) {
                throw new IllegalArgumentException("refund of " + amount + " exceeds what is left of " + outTradeNo);
            }
            trade.refunds.put("PORTAL" + (trade.refunds.size() + 1) + "_" + outTradeNo,
                    new SimulatedTrade.RefundEntry(amount, now));
            trade.refundedAmount = trade.refundedAmount.add(amount);
            if (trade.refundedAmount.compareTo(trade.totalAmount) == 0) {
                trade.close(now);
            }
            return trade.snapshot();
        }
    }
}
