package dev.resilientpay.alipay.e2e;

import dev.resilientpay.testkit.AlipaySimulator;
import dev.resilientpay.testkit.AlipaySimulatorExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh virtual-time client per test, against the simulator of the subclass's
 * {@link AlipaySimulatorExtension} (which resolves the {@link AlipaySimulator} parameter).
 */
abstract class EndToEndTestBase {

    AlipayEndToEnd e2e;

    @BeforeEach
    void client(AlipaySimulator simulator) {
        e2e = AlipayEndToEnd.virtualTime(simulator);
    }

    @AfterEach
    void closeClient() {
        e2e.close();
    }
}
