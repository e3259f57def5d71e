package dev.resilientpay.benchmarks.report;

import dev.resilientpay.benchmarks.runs.ChaosRun;
import dev.resilientpay.benchmarks.runs.LoadRun;
import dev.resilientpay.benchmarks.runs.OutageRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code docs/benchmarks.svg}: four panels of horizontal bars (throughput, client CPU per call,
 * lost and in-doubt payments at the highest fault rate, call time in an outage), hand-written SVG so
 * that the report needs no plotting library.
 */
public final class SvgChart {

    private static final int WIDTH = 960;
    private static final int LABEL = 330;
    private static final int BAR_MAX = 480;
    private static final int ROW = 20;
    private static final String OURS = "#1f7a4d";
    private static final String SDK = "#8c8c8c";
    private static final String SDK_LOOP = "#c0703a";

    private record Bar(String label, double value, String text, String color) {}

    private final StringBuilder body = new StringBuilder();
    private int y = 40;

    private SvgChart() {}

    /** Writes the chart for {@code results} to {@code file}. */
    public static void write(SuiteResults results, Path file) throws IOException {
        SvgChart chart = new SvgChart();
        chart.render(results);
        Files.createDirectories(file.getParent());
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + (chart.y + 20)
                + "\" viewBox=\"0 0 " + WIDTH + " " + (chart.y + 20) + "\" font-family=\"Helvetica, Arial, sans-serif\""
                + " font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
                + "<text x=\"16\" y=\"24\" font-size=\"16\" font-weight=\"bold\">resilient-pay vs the official SDKs"
                + " (" + esc(results.machine.cpus() + "-core machine, " + results.machine.date() + ", " + results.mode
                + " run") + ")</text>\n" + chart.body + "</svg>\n";
        Files.writeString(file, svg, StandardCharsets.UTF_8);
    }

    private void render(SuiteResults r) {
        List<Bar> throughput = new ArrayList<>();
        List<Bar> cpu = new ArrayList<>();
        for (String gateway : new String[] {"Alipay", "WeChat Pay"}) {
            List<LoadRun.Result> rows = new ArrayList<>(r.load);
            rows.sort((a, b) -> Boolean.compare(!a.client().startsWith("resilient-pay"),
                    !b.client().startsWith("resilient-pay")));
            for (LoadRun.Result l : rows) {
                if (l.gateway().equals(gateway) && r.busiestLoad(gateway, l.client()).orElseThrow() == l) {
                    String color = l.client().startsWith("resilient-pay") ? OURS : SDK;
                    throughput.add(new Bar(gateway + ": " + l.client() + " (" + l.threads() + " callers)",
                            l.perSecond(), fmt("%.0f /s", l.perSecond()), color));
                    cpu.add(new Bar(gateway + ": " + l.client(), l.cpuMicros(), fmt("%.0f µs", l.cpuMicros()), color));
                }
            }
        }
        panel("Happy-path throughput, payments per second (higher is better)", throughput);
        panel("Client CPU per payment, µs (lower is better)", cpu);

        double maxRate = r.chaos.stream().mapToDouble(ChaosRun.Result::faultRate).max().orElse(0);
        List<Bar> chaos = new ArrayList<>();
        for (ChaosRun.Result c : r.chaos) {
            if (Math.abs(c.faultRate() - maxRate) < 1e-9) {
                int bad = c.lost() + c.inDoubt();
                String color = c.client().startsWith("resilient-pay") ? OURS
                        : c.client().contains("documented ") ? SDK_LOOP : SDK;
                chaos.add(new Bar(c.gateway() + ": " + c.client(), bad,
                        fmt("%d lost + %d in doubt of %d", c.lost(), c.inDoubt(), c.payments()), color));
            }
        }
        panel(fmt("Payments lost or in doubt at %.0f %% faults (lower is better)", maxRate * 100), chaos);

        List<Bar> outage = new ArrayList<>();
        for (OutageRun.Result o : r.outage) {
            if (o.mode().equals("blackhole")) {
                boolean ours = o.client().startsWith("resilient-pay");
                double p99 = ours && o.openCalls() > 0 ? o.openP99() : o.p99();
                String label = o.gateway() + ": " + o.client() + (ours ? " (breaker open)" : "");
                outage.add(new Bar(label, p99, fmt("%.3f ms", p99), ours ? OURS : SDK));
            }
        }
        panel("Call time p99 while the provider is down (blackhole), ms (lower is better)", outage);
        legend();
    }

    private void panel(String title, List<Bar> bars) {
        if (bars.isEmpty()) {
            return;
        }
        y += 16;
        body.append(fmt("<text x=\"16\" y=\"%d\" font-size=\"13\" font-weight=\"bold\">%s</text>%n", y, esc(title)));
        y += 10;
        double max = bars.stream().mapToDouble(Bar::value).filter(v -> !Double.isNaN(v)).max().orElse(1);
        if (max <= 0) {
            max = 1;
        }
        for (Bar bar : bars) {
            double value = Double.isNaN(bar.value()) ? 0 : bar.value();
            int width = (int) Math.round(BAR_MAX * value / max);
            body.append(fmt("<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", LABEL - 8, y + 14,
                    esc(bar.label())));
            body.append(fmt("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n", LABEL, y + 3,
                    Math.max(width, 1), ROW - 6, bar.color()));
            body.append(fmt("<text x=\"%d\" y=\"%d\">%s</text>%n", LABEL + Math.max(width, 1) + 6, y + 14,
                    esc(bar.text())));
            y += ROW;
        }
        y += 8;
    }

    private void legend() {
        y += 8;
        String[][] items = {{OURS, "resilient-pay"}, {SDK, "official SDK as documented"},
                {SDK_LOOP, "official SDK + documented query/cancel loop"}};
        int x = 16;
        for (String[] item : items) {
            body.append(fmt("<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n", x, y, item[0]));
            body.append(fmt("<text x=\"%d\" y=\"%d\">%s</text>%n", x + 18, y + 11, esc(item[1])));
            x += 40 + item[1].length() * 7;
        }
        y += 16;
    }

    private static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
