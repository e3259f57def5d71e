package dev.resilientpay.spi;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

/** The size cap of {@link PemKeys}: the wrong (huge) file is refused before any decoding. */
class PemKeysTest {

    private static final String MEBIBYTE_OF_BASE64 = "-----BEGIN PUBLIC KEY-----\n" + "QUFB\n".repeat(1 << 18)
            + "-----END PUBLIC KEY-----\n";

    @Test
    void mebibyteOfPemIsRejectedBeforeDecoding() {
        assertThatIllegalArgumentException().isThrownBy(() -> PemKeys.rsaPublicKey("alipayPublicKey", MEBIBYTE_OF_BASE64))
                .withMessageStartingWith("alipayPublicKey must be at most " + PemKeys.MAX_TEXT_CHARS + " characters");
        assertThatIllegalArgumentException().isThrownBy(() -> PemKeys.rsaPrivateKey("merchantPrivateKey", MEBIBYTE_OF_BASE64))
                .withMessageStartingWith("merchantPrivateKey must be at most");
        assertThatIllegalArgumentException().isThrownBy(() -> PemKeys.certificates("alipayRootCertificate", MEBIBYTE_OF_BASE64))
                .withMessageStartingWith("alipayRootCertificate must be at most");
    }
}
