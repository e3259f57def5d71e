package dev.resilientpay.alipay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Fuzz target for {@link FormCodec}: any body decodes to fields or is an {@link IllegalArgumentException};
 * what decodes encodes back to a body that decodes to the same fields (decoding happens exactly once).
 * Regression inputs: {@code src/test/resources/dev/resilientpay/alipay/internal/FormCodecFuzzTestInputs/}.
 */
class FormCodecFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void decodesOnceOrRejects(byte[] input) {
        String body = new String(input, StandardCharsets.UTF_8);
        Map<String, String> fields;
        try {
            fields = FormCodec.decode(body);
        } catch (IllegalArgumentException rejected) {
            return;
        }
        assertThat(fields.keySet()).allSatisfy(k -> assertThat(k).isNotEmpty());
        assertThat(FormCodec.decode(FormCodec.encode(fields))).containsExactlyEntriesOf(fields);
    }
}
