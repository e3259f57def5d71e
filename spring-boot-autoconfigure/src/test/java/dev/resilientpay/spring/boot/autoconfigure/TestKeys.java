package dev.resilientpay.spring.boot.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/** RSA key pairs made once per test run, as the PEM a merchant would configure. */
final class TestKeys {

    static final KeyPair ALIPAY_APP = generate();
    static final KeyPair ALIPAY_GATEWAY = generate();
    static final KeyPair WECHAT_MERCHANT = generate();
    static final KeyPair WECHAT_PLATFORM = generate();

    static final String API_V3_KEY = "0123456789abcdef0123456789abcdef";

    private TestKeys() {}

    static String privatePem(KeyPair pair) {
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    static String publicPem(KeyPair pair) {
        return pem("PUBLIC KEY", pair.getPublic().getEncoded());
    }

    private static String pem(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
