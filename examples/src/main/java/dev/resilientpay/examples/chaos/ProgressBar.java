package dev.resilientpay.examples.chaos;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A one-line textual progress bar, redrawn in place a few times a second by a daemon thread. When the
 * output is not a terminal (a CI log, a file) it prints one line per tenth instead.
 */
final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 40;

    private final PrintStream out;
    private final int total;
    private final AtomicInteger done = new AtomicInteger();
    private final long started = System.nanoTime();
    private final boolean terminal;
    private final Thread painter;
    private volatile boolean running = true;
    private int tenthsPrinted;

    private ProgressBar(PrintStream out, int total) {
        this.out = out;
        this.total = total;
        this.terminal = out == System.out && System.console() != null;
        this.painter = new Thread(this::paintUntilClosed, "chaos-progress");
        painter.setDaemon(true);
    }

    /** Starts drawing on {@code out}. */
    static ProgressBar start(PrintStream out, int total) {
        ProgressBar bar = new ProgressBar(out, total);
        bar.painter.start();
        return bar;
    }

    /** One more order finished. */
    void step() {
        done.incrementAndGet();
    }

    private void paintUntilClosed() {
        while (running) {
            paint();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void paint() {
        int now = done.get();
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * now / total);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!terminal) {
            int tenths = total == 0 ? 10 : (int) (10L * now / total);
            if (tenths > tenthsPrinted) {
                tenthsPrinted = tenths;
                out.printf("  %3d%%  %d/%d orders  %5.1f s%n", tenths * 10, now, total, seconds);
            }
            return;
        }
        out.printf("\r  [%s%s] %d/%d orders %3d%%  %5.1f s", "#".repeat(filled), ".".repeat(WIDTH - filled),
                now, total, total == 0 ? 100 : 100L * now / total, seconds);
        out.flush();
    }

    /** Draws the final state and ends the line. */
    @Override
    public void close() {
        running = false;
        painter.interrupt();
        try {
            painter.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        paint();
        if (terminal) {
            out.println();
        }
    }
}
