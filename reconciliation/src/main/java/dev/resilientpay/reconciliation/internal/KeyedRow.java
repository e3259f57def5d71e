package dev.resilientpay.reconciliation.internal;

import dev.resilientpay.spi.BillRow;
import dev.resilientpay.spi.LedgerKey;

/**
 * A bill row with the {@link LedgerKey#id()} it is compared under.
 *
 * @param key the ledger key id ({@code pay:<order>}, {@code refund:…})
 * @param row the row
 */
public record KeyedRow(String key, BillRow row) {

    /** The ledger key id of {@code row}: payments and reversals under the order, refunds under the refund. */
    public static KeyedRow of(BillRow row, String provider, String merchant, boolean refundIdsUniquePerMerchant) {
        String key = row.type() == BillRow.Type.REFUND
                ? LedgerKey.refund(provider, merchant, row.orderId(), row.refundId(), refundIdsUniquePerMerchant).id()
                : LedgerKey.payment(provider, merchant, row.orderId()).id();
        return new KeyedRow(key, row);
    }
}
