package dev.resilientpay.reconciliation;

import dev.resilientpay.spi.BillAnswer;
import dev.resilientpay.spi.BillRow;
import dev.resilientpay.spi.BillRows;
import dev.resilientpay.spi.BillSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;

/** A bill source over rows given by the test. */
final class ListBills implements BillSource {

    private final List<BillRow> rows;

    ListBills(List<BillRow> rows) {
        this.rows = rows;
    }

    @Override
    public String provider() {
        return "alipay";
    }

    @Override
    public String merchant() {
        return "app1";
    }

    @Override
    public boolean refundIdsUniquePerMerchant() {
        return false;
    }

    @Override
    public ZoneId zone() {
        return ZoneId.of("Asia/Shanghai");
    }

    @Override
    public BillAnswer tradeBill(LocalDate day) {
        Iterator<BillRow> it = rows.iterator();
        return new BillAnswer.Ready(new BillRows() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public BillRow next() {
                return it.next();
            }

            @Override
            public void close() {}
        });
    }
}
