package dev.resilientpay.spi;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A provider's daily trade bill (对账单) as provider-neutral rows: what reconciliation compares with
 * the ledger. Implemented by the adapters ({@code AlipayProvider.bills()}, {@code WechatPayProvider.bills()});
 * an implementation downloads the bill, verifies it completely (signature, digest, summary lines)
 * and only then hands out rows, streamed from a local copy so that memory does not grow with the
 * bill. It never throws for provider or network faults: they come back as {@link BillAnswer}s.
 */
public interface BillSource {

    /** The provider's name, as {@link PaymentProvider#name()}: namespaces ledger keys. */
    String provider();

    /** The merchant account, as {@link PaymentProvider#merchantId()}. */
    String merchant();

    /**
     * Whether refund ids are unique per merchant, as {@link PaymentProvider#refundIdsUniquePerMerchant()}:
     * decides the ledger key of a refund row.
     *
     * @return {@code true} for WeChat Pay
     */
    boolean refundIdsUniquePerMerchant();

    /**
     * The time zone whose calendar days the bills cover ({@code Asia/Shanghai} for both providers).
     *
     * @return the bill's zone
     */
    ZoneId zone();

    /**
     * Downloads and verifies the trade bill of {@code day} (payments and refunds booked on that day
     * in {@link #zone()}).
     *
     * @param day the bill's day
     * @return the rows, "not ready yet", or why there is no usable bill
     */
    BillAnswer tradeBill(LocalDate day);
}
