package dev.resilientpay.testkit.alipay;

import static dev.resilientpay.testkit.alipay.AlipaySimulatorTradeTest.payBiz;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.testkit.AlipaySimulator;
import dev.resilientpay.testkit.AlipaySimulatorExtension;
import dev.resilientpay.testkit.Fault;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JUnit 5 extension: one simulator per class, reset before each test, injectable as a parameter. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlipaySimulatorExtensionTest {

    @RegisterExtension
    static final AlipaySimulatorExtension ALIPAY = new AlipaySimulatorExtension();

    private static int firstPort;

    @Test
    @Order(1)
    void firstTestLeavesATradeAndAFaultBehind(AlipaySimulator simulator) {
        firstPort = simulator.port();
        new GatewayTestClient(simulator).call("alipay.trade.pay", payBiz("x_1", "281234567890123456", "1.00"));
        simulator.faults().next(5, Fault.http503Empty());

        assertThat(simulator.orders()).hasSize(1);
    }

    @Test
    @Order(2)
    void nextTestFindsTheSameSimulatorReset() {
        AlipaySimulator simulator = ALIPAY.simulator();

        assertThat(simulator.port()).isEqualTo(firstPort);
        assertThat(simulator.orders()).isEmpty();
        assertThat(simulator.requests()).isEmpty();
        assertThat(simulator.faults().pendingScripted()).isZero();
    }
}
