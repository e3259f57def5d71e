package dev.resilientpay.benchmarks.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where the numbers were measured.
 *
 * @param cpus      available processors
 * @param cpuModel  the CPU model from /proc/cpuinfo, or "unknown"
 * @param memoryGb  physical memory, GiB
 * @param jdk       JVM name and runtime version
 * @param os        OS name, version and architecture
 * @param date      when the run started, UTC
 * @param loadStart the one-minute load average when the run started
 */
public record Machine(int cpus, String cpuModel, double memoryGb, String jdk, String os, String date,
                      double loadStart) {

    /** Describes this machine now. */
    public static Machine describe() {
        double memory = Double.NaN;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = os.getTotalMemorySize() / (1024.0 * 1024 * 1024);
        }
        return new Machine(Runtime.getRuntime().availableProcessors(), readCpuModel(), memory,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                load());
    }

    /** The one-minute load average now. */
    public static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String readCpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
