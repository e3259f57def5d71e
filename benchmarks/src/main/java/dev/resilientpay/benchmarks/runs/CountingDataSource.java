package dev.resilientpay.benchmarks.runs;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that counts what the ledger sends: statements prepared or created, by their
 * first word ({@code INSERT}, {@code UPDATE}, {@code SELECT}, ...), explicit commits, and connections
 * borrowed. With auto-commit (the ledger's single-statement operations) every statement is one
 * commit of its own; {@code COMMIT} counts only the explicit ones of multi-statement transactions.
 */
public final class CountingDataSource implements DataSource {

    private final DataSource target;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /**
     * Counts what passes through {@code target}.
     *
     * @param target the real data source
     */
    public CountingDataSource(DataSource target) {
        this.target = target;
    }

    /** Forgets every count. */
    public void reset() {
        counts.clear();
    }

    /**
     * The counts so far, by kind.
     *
     * @return kind (first SQL word, {@code COMMIT}, {@code CONNECTION}) to count, sorted by kind
     */
    public Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /**
     * Statements sent (every kind but commits and connections).
     *
     * @return how many
     */
    public long statements() {
        return counts().entrySet().stream().filter(e -> !e.getKey().equals("COMMIT") && !e.getKey().equals("CONNECTION"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private void count(String kind) {
        counts.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(target.getConnection(username, password));
    }

    private Connection wrap(Connection connection) {
        count("CONNECTION");
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if ((name.equals("prepareStatement") || name.equals("prepareCall")) && args != null && args[0] instanceof String sql) {
                count(sql.trim().split("\\s+", 2)[0].toUpperCase(Locale.ROOT));
            } else if (name.equals("createStatement")) {
                count("STATEMENT");
            } else if (name.equals("commit")) {
                count("COMMIT");
            }
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                handler);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || target.isWrapperFor(iface);
    }
}
