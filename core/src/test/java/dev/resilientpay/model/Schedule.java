package dev.resilientpay.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One generated run: the gateway's behaviour and what the till does. Its {@code toString()} is what a
 * failing property prints after shrinking, so it reads as a story.
 *
 * @param profile          Alipay or WeChat Pay
 * @param paymentCode      payment-code orders (else QR orders)
 * @param steps            what happens, in order
 * @param faults           request {@code i} at the gateway meets {@code faults.get(i)}; later ones are OK
 * @param queryLag         queries after an order's creation that still answer "not found"
 * @param payer            what the payer does
 * @param notifyAfter      gateway requests between a payment and its PAID notification; {@code -1} never
 * @param chargeOneFenMore the gateway charges one fen more than requested
 */
record Schedule(Profile profile, boolean paymentCode, List<Step> steps, List<ModelFault> faults, int queryLag,
                Payer payer, int notifyAfter, boolean chargeOneFenMore) {

    @Override
    public String toString() {
        return "Schedule[" + profile + " " + (paymentCode ? "payment-code" : "QR") + " orders, payer " + payer
                + ", query lag " + queryLag + ", notification " + (notifyAfter < 0 ? "never" : "after " + notifyAfter + " requests")
                + (chargeOneFenMore ? ", gateway charges 1 fen more" : "")
                + "\n  faults by request: " + faults
                + "\n  steps: " + steps.stream().map(Step::toString).collect(Collectors.joining("; ")) + "]";
    }
}
