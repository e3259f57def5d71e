package dev.resilientpay.reconciliation.internal;

import dev.resilientpay.Money;
import dev.resilientpay.spi.BillRow;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.time.Instant;

/** The compact binary form of keyed rows in the sorted runs {@link SortedBill} spills to disk. */
final class RunFiles {

    private static final BillRow.Type[] TYPES = BillRow.Type.values();

    private RunFiles() {}

    static void write(DataOutputStream out, KeyedRow keyed) throws IOException {
        BillRow row = keyed.row();
        out.writeUTF(keyed.key());
        out.writeByte(row.type().ordinal());
        out.writeUTF(row.orderId());
        writeNullable(out, row.transactionId());
        writeNullable(out, row.refundId());
        writeNullable(out, row.providerRefundId());
        out.writeLong(row.amount().minorUnits());
        out.writeUTF(row.amount().currencyCode());
        out.writeLong(row.time().getEpochSecond());
        out.writeInt(row.time().getNano());
        writeNullable(out, row.rawStatus());
    }

    /** The next row, or {@code null} at the end of the run. */
    static KeyedRow read(DataInputStream in) throws IOException {
        String key;
        try {
            key = in.readUTF();
        } catch (EOFException end) {
            return null;
        }
        BillRow.Type type = TYPES[in.readByte()];
        String orderId = in.readUTF();
        String transactionId = readNullable(in);
        String refundId = readNullable(in);
        String providerRefundId = readNullable(in);
        long minor = in.readLong();
        String currency = in.readUTF();
        Instant time = Instant.ofEpochSecond(in.readLong(), in.readInt());
        String raw = readNullable(in);
        return new KeyedRow(key, new BillRow(type, orderId, transactionId, refundId, providerRefundId,
                Money.ofMinor(minor, currency), time, raw));
    }

    private static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
