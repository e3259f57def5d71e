package dev.resilientpay.ledger.jdbc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A {@link PayingProcess} in a child JVM on this test's class path, and the lines it printed. */
final class Instance {

    final String id;
    final Process process;
    final List<String> lines = new CopyOnWriteArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Thread reader;

    private Instance(String id, Process process) {
        this.id = id;
        this.process = process;
        this.reader = new Thread(this::read, "read-" + id);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code java -cp <test class path> PayingProcess settings id recoverFirst orderIds...}. */
    static Instance start(Path settings, String id, boolean recoverFirst, List<String> orderIds, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx128m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(PayingProcess.class.getName());
        command.add(settings.toString());
        command.add(id);
        command.add(Boolean.toString(recoverFirst));
        command.addAll(orderIds);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new Instance(id, process);
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
                if (line.equals("READY")) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            // the process was killed mid-line
        }
    }

    /** Waits until the instance has started up and recovered (bounded). */
    boolean awaitReady(long seconds) throws InterruptedException {
        return ready.await(seconds, TimeUnit.SECONDS);
    }

    /** SIGKILL: no shutdown hook, no finally block, connections dropped mid-transaction. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        reader.join(5_000);
    }

    /** Waits (bounded) for the instance to finish by itself. */
    boolean awaitExit(long seconds) throws InterruptedException {
        boolean exited = process.waitFor(seconds, TimeUnit.SECONDS);
        reader.join(5_000);
        return exited;
    }

    /** The lines starting with {@code prefix}, without it. */
    List<String> lines(String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix + " ")).map(l -> l.substring(prefix.length() + 1)).toList();
    }
}
