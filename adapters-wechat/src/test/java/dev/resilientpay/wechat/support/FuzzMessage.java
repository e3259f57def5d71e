package dev.resilientpay.wechat.support;

import java.util.ArrayList;
import java.util.List;

/**
 * The layout of a fuzzed HTTP message in the WeChat fuzz targets' inputs, readable in checked-in files:
 * header lines {@code Name: value}, an empty line, then the body. Without an empty line the whole text
 * is the body.
 *
 * @param headers name/value pairs in order
 * @param body    the body text
 */
public record FuzzMessage(List<String[]> headers, String body) {

    /** Splits {@code text} into headers and body. */
    public static FuzzMessage parse(String text) {
        int blank = text.indexOf("\n\n");
        if (blank < 0) {
            return new FuzzMessage(List.of(), text);
        }
        List<String[]> headers = new ArrayList<>();
        for (String line : text.substring(0, blank).split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.add(new String[] {line.substring(0, colon).strip(), line.substring(colon + 1).strip()});
            }
        }
        return new FuzzMessage(headers, text.substring(blank + 2));
    }

    /** The headers without the four WeChat Pay signature headers, to which signed ones are then added. */
    public List<String[]> headersWithout(String... names) {
        List<String[]> out = new ArrayList<>();
        outer:
        for (String[] h : headers) {
            for (String n : names) {
                if (n.equalsIgnoreCase(h[0])) {
                    continue outer;
                }
            }
            out.add(h);
        }
        return out;
    }
}
