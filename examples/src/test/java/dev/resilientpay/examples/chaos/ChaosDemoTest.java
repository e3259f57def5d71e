package dev.resilientpay.examples.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChaosDemoTest {

    @Test
    void everyOrderReconcilesWithTheSimulatorsLedgersUnderFaults() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

        ChaosDemo.Summary summary = ChaosDemo.run(new ChaosDemo.Options(100, 0.15, 16, 7L, false), out);

        String report = printed.toString(StandardCharsets.UTF_8);
        assertThat(summary.errors()).as(report).isEmpty();
        assertThat(summary.orders()).isEqualTo(200);
        assertThat(summary.runs()).extracting(ProviderRun::name).containsExactly("alipay", "wechat");
        for (ProviderRun run : summary.runs()) {
            assertThat(run.faultsInjected()).as(run.name() + " faults").isPositive();
            assertThat(run.reconciliation().gatewayRequests()).as(run.name() + " requests").isPositive();
            assertThat(run.reconciliation().clean()).as(report).isTrue();
        }
        assertThat(summary.clean()).isTrue();
        assertThat(report).contains("RECONCILED 200 orders: lost = 0, charged twice = 0,"
                + " requests the client did not decide to send = 0");
    }

    @Test
    void onThePostgresLedgerEveryOrderReconcilesToo() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

        ChaosDemo.Summary summary = ChaosDemo.run(ChaosDemo.Options.parse("--orders", "60", "--faults", "0.15",
                "--threads", "8", "--seed", "11", "--no-progress", "--ledger", "postgres"), out);

        String report = printed.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("postgres ledger").contains("ledger: table rp_chaos_");
        assertThat(summary.errors()).as(report).isEmpty();
        assertThat(summary.orders()).isEqualTo(120);
        assertThat(summary.clean()).as(report).isTrue();
    }

    @Test
    void optionsAreParsedFromTheCommandLine() {
        ChaosDemo.Options options = ChaosDemo.Options.parse("--orders", "500", "--faults", "0.3", "--threads", "8",
                "--seed", "9", "--no-progress");

        assertThat(options).isEqualTo(new ChaosDemo.Options(500, 0.3, 8, 9L, false));
    }

    @Test
    void anOptionOutOfRangeIsRejectedWithItsRule() {
        assertThatThrownBy(() -> ChaosDemo.Options.parse("--faults", "1.5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("faults must be 0 to 1");
    }
}
