package dev.resilientpay.testkit.internal;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 lifecycle shared by the public simulator extensions: in a {@code static} field one
 * simulator runs for the whole class and is reset before each test; in an instance field one is
 * started and stopped per test. Test methods may take the simulator as a parameter.
 *
 * <p>Both gateways run the same lifecycle, so it lives here once; the public subclasses only say
 * how their simulator is started, reset and stopped.
 *
 * @param <S> the simulator type
 */
public abstract class SimulatorExtension<S>
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final Class<S> type;
    private final String name;
    private final Supplier<S> start;
    private final Consumer<S> reset;
    private final Consumer<S> stop;
    private S simulator;
    private boolean perClass;

    /**
     * A lifecycle for simulators of {@code type}.
     *
     * @param type  the simulator class, the parameter type this extension resolves
     * @param name  the simulator's name in the error raised outside a test, e.g. "the Alipay simulator"
     * @param start starts a new simulator
     * @param reset clears a class-wide simulator between tests
     * @param stop  stops a simulator and frees its port
     */
    protected SimulatorExtension(Class<S> type, String name, Supplier<S> start, Consumer<S> reset, Consumer<S> stop) {
        this.type = Objects.requireNonNull(type, "type");
        this.name = Objects.requireNonNull(name, "name");
        this.start = Objects.requireNonNull(start, "start");
        this.reset = Objects.requireNonNull(reset, "reset");
        this.stop = Objects.requireNonNull(stop, "stop");
    }

    /**
     * The running simulator.
     *
     * @return the running simulator
     * @throws IllegalStateException outside a test
     */
    public S simulator() {
        if (simulator == null) {
            throw new IllegalStateException(name + " runs only during a test");
        }
        return simulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        simulator = start.get();
        perClass = true;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (perClass) {
            reset.accept(simulator);
        } else {
            simulator = start.get();
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
        return parameter.getParameter().getType() == type;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return simulator();
    }

    private void stop() {
        if (simulator != null) {
            stop.accept(simulator);
            simulator = null;
        }
    }
}
