package dev.resilientpay.spi;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target for {@link PemKeys}: any text is a key or certificate, or an {@link IllegalArgumentException}
 * that names the configuration field; no other exception escapes and no message is long (none carries
 * the input). Regression inputs: {@code src/test/resources/dev/resilientpay/spi/PemKeysFuzzTestInputs/}.
 */
class PemKeysFuzzTest {

    private static final String FIELD = "fuzzedField";

    /** Input layout: byte 0 (mod 4) picks the reader (private key, public key, certificates, certificate); the rest is the text. */
    @FuzzTest(maxDuration = "10m")
    void readsOrRejectsNamingTheField(byte[] input) {
        if (input.length == 0) {
            return;
        }
        String text = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
        try {
            Object read = switch ((input[0] & 0xff) % 4) {
                case 0 -> PemKeys.rsaPrivateKey(FIELD, text);
                case 1 -> PemKeys.rsaPublicKey(FIELD, text);
                case 2 -> PemKeys.certificates(FIELD, text);
                default -> PemKeys.certificate(FIELD, text);
            };
            assertThat(read).isNotNull();
        } catch (IllegalArgumentException rejected) {
            assertThat(rejected.getMessage()).startsWith(FIELD).hasSizeLessThan(300);
        }
    }
}
