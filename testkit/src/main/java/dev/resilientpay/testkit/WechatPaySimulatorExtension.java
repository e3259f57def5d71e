package dev.resilientpay.testkit;

import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

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
public final class WechatPaySimulatorExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final WechatPaySimulator.Builder builder;
    private WechatPaySimulator simulator;
    private boolean perClass;

    /** An extension starting simulators with the defaults (public-key mode). */
    public WechatPaySimulatorExtension() {
        this(WechatPaySimulator.builder());
    }

    /** An extension starting simulators from {@code builder}. */
    public WechatPaySimulatorExtension(WechatPaySimulator.Builder builder) {
        this.builder = Objects.requireNonNull(builder, "builder");
    }

    /**
     * The running simulator.
     *
     * @throws IllegalStateException outside a test
     */
    public WechatPaySimulator simulator() {
        if (simulator == null) {
            throw new IllegalStateException("the WeChat Pay simulator runs only during a test");
        }
        return simulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        simulator = builder.start();
        perClass = true;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (perClass) {
            simulator.reset();
        } else {
            simulator = builder.start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == WechatPaySimulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return simulator();
    }

    private void stop() {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }
}
