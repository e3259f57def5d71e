package dev.resilientpay.testkit;

import dev.resilientpay.testkit.internal.SimulatorExtension;
import java.util.Objects;

/**
 * Runs an {@link AlipaySimulator} around JUnit 5 tests. In a {@code static} field it starts one
 * simulator for the class and {@link AlipaySimulator#reset() resets} it before each test; in an
 * instance field it starts one per test. Test methods may also take an {@code AlipaySimulator}
 * parameter.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final AlipaySimulatorExtension alipay = new AlipaySimulatorExtension();
 *
 * @Test
 * void paysAtOnce() {
 *     AlipaySimulator simulator = alipay.simulator();
 *     // configure the client with simulator.gatewayUrl(), appId(), appPrivateKeyPem(), alipayPublicKeyPem()
 * }
 * }</pre>
 *
 * <p>Needs {@code org.junit.jupiter:junit-jupiter-api} on the test class path (an optional
 * dependency of the testkit).
 */
public final class AlipaySimulatorExtension extends SimulatorExtension<AlipaySimulator> {

    /** An extension starting simulators with the defaults. */
    public AlipaySimulatorExtension() {
        this(AlipaySimulator.builder());
    }

    /**
     * An extension starting simulators from {@code builder}.
     *
     * @param builder the simulator's settings
     */
    public AlipaySimulatorExtension(AlipaySimulator.Builder builder) {
        super(AlipaySimulator.class, "the Alipay simulator", Objects.requireNonNull(builder, "builder")::start,
                AlipaySimulator::reset, AlipaySimulator::close);
    }

    /**
     * The running simulator.
     *
     * @throws IllegalStateException outside a test
     */
    @Override
    public AlipaySimulator simulator() {
        return super.simulator();
    }
}
