package dev.resilientpay.testkit;

import dev.resilientpay.testkit.internal.SimulatorExtension;
import java.util.Objects;

/**
 * Runs a {@link WechatPaySimulator} around JUnit 5 tests. In a {@code static} field it starts one
 * simulator for the class and {@link WechatPaySimulator#reset() resets} it before each test; in an
 * instance field it starts one per test. Test methods may also take a {@code WechatPaySimulator}
 * parameter.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final WechatPaySimulatorExtension wechat = new WechatPaySimulatorExtension(
 *         WechatPaySimulator.builder().keyMode(WechatPaySimulatorKeyMode.BOTH));
 * }</pre>
 *
 * <p>Needs {@code org.junit.jupiter:junit-jupiter-api} on the test class path (an optional
 * dependency of the testkit).
 */
public final class WechatPaySimulatorExtension extends SimulatorExtension<WechatPaySimulator> {

    /** An extension starting simulators with the defaults (public-key mode). */
    public WechatPaySimulatorExtension() {
        this(WechatPaySimulator.builder());
    }

    /**
     * An extension starting simulators from {@code builder}.
     *
     * @param builder the simulator's settings
     */
    public WechatPaySimulatorExtension(WechatPaySimulator.Builder builder) {
        super(WechatPaySimulator.class, "the WeChat Pay simulator", Objects.requireNonNull(builder, "builder")::start,
                WechatPaySimulator::reset, WechatPaySimulator::close);
    }

    /**
     * The running simulator.
     *
     * @throws IllegalStateException outside a test
     */
    @Override
    public WechatPaySimulator simulator() {
        return super.simulator();
    }
}
