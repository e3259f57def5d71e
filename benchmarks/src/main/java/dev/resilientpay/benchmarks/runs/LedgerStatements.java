package dev.resilientpay.benchmarks.runs;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.resilientpay.Money;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.benchmarks.jmh.InMemoryProvider;
import dev.resilientpay.ledger.jdbc.JdbcPaymentLedger;
import java.sql.Connection;
import java.sql.Statement;

/**
 * What the JDBC ledger sends to the database per payment: N payment-code payments through a
 * {@link PaymentClient} on PostgreSQL with an in-process provider that answers "paid" at once, every
 * statement counted by {@link CountingDataSource}. A heartbeat (lease renewal) is one more
 * {@code UPDATE} per quarter lease of a running call; a payment answered at once makes none.
 *
 * <pre>
 * java -cp 'benchmarks/target/classes:benchmarks/target/lib/*' dev.resilientpay.benchmarks.runs.LedgerStatements [payments]
 * </pre>
 */
public final class LedgerStatements {

    private static final String TABLE = "rp_bench_statements";

    private LedgerStatements() {}

    /** Runs once and prints the counts. */
    public static void main(String[] args) throws Exception {
        int payments = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        String url = System.getProperty("RESILIENTPAY_POSTGRES_URL", System.getenv("RESILIENTPAY_POSTGRES_URL"));
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url == null || url.isBlank() ? "jdbc:postgresql://127.0.0.1:5432/test?user=postgres" : url);
        config.setMaximumPoolSize(4);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + TABLE);
            }
            CountingDataSource counting = new CountingDataSource(pool);
            JdbcPaymentLedger ledger = JdbcPaymentLedger.builder(counting).tableName(TABLE).build();
            ledger.createSchemaIfMissing();
            try (PaymentClient client = PaymentClient.builder().provider(new InMemoryProvider()).ledger(ledger).build()) {
                client.pay(request("WARM"));
                counting.reset();
                int paid = 0;
                for (int i = 0; i < payments; i++) {
                    paid += client.pay(request("S" + (1_000_000 + i))) instanceof PaymentOutcome.Paid ? 1 : 0;
                }
                System.out.printf("%d payments (%d paid): %s = %.2f statements and %.2f connection borrows per payment%n",
                        payments, paid, counting.counts(), (double) counting.statements() / payments,
                        (double) counting.counts().getOrDefault("CONNECTION", 0L) / payments);
            }
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE " + TABLE);
            }
        }
    }

    private static PaymentRequest request(String orderId) {
        return PaymentRequest.builder().orderId(orderId).amount(Money.cny(100)).subject("Counted coffee")
                .method(new PaymentMethod.PaymentCode("286000000000000001")).build();
    }
}
