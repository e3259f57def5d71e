package dev.resilientpay.testkit.alipay;

import dev.resilientpay.testkit.AlipaySimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One {@link AlipaySimulator} per test class, reset before each test, and a {@link GatewayTestClient}
 * signing requests with its app key.
 */
abstract class SimulatorTestBase {

    static AlipaySimulator simulator;
    static GatewayTestClient client;

    @BeforeAll
    static void startSimulator() {
        simulator = AlipaySimulator.start();
        client = new GatewayTestClient(simulator);
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @BeforeEach
    void resetSimulator() {
        simulator.reset();
    }
}
