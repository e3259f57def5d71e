package dev.resilientpay.spring.boot.autoconfigure;

import dev.resilientpay.alipay.AlipayConfig;
import dev.resilientpay.alipay.AlipayProvider;
import dev.resilientpay.transport.GatewayHttp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds Alipay providers from properties; loaded only when resilient-pay-alipay is on the class path. */
final class AlipayMerchants {

    static final String ADAPTER_CLASS = "dev.resilientpay.alipay.AlipayProvider";

    private AlipayMerchants() {}

    static MerchantFactory.Built build(String prefix, AlipayMerchantProperties p, GatewayHttp http) {
        String privateKey = KeyMaterial.read(prefix, "merchant-private-key", p.getMerchantPrivateKey(),
                p.getMerchantPrivateKeyLocation());
        String alipayPublicKey = KeyMaterial.read(prefix, "alipay-public-key", p.getAlipayPublicKey(),
                p.getAlipayPublicKeyLocation());
        String appCertificate = KeyMaterial.read(prefix, "app-certificate", p.getAppCertificate(),
                p.getAppCertificateLocation());
        String alipayCertificate = KeyMaterial.read(prefix, "alipay-public-certificate",
                p.getAlipayPublicCertificate(), p.getAlipayPublicCertificateLocation());
        String rootCertificate = KeyMaterial.read(prefix, "alipay-root-certificate", p.getAlipayRootCertificate(),
                p.getAlipayRootCertificateLocation());
        AlipayConfig config;
        try {
            config = AlipayConfig.builder()
                    .appId(p.getAppId())
                    .merchantPrivateKey(privateKey)
                    .alipayPublicKey(alipayPublicKey)
                    .appCertificate(appCertificate)
                    .alipayPublicCertificate(alipayCertificate)
                    .alipayRootCertificate(rootCertificate)
                    .gatewayUrl(p.getGatewayUrl())
                    .appAuthToken(p.getAppAuthToken())
                    .notifyUrl(p.getNotifyUrl())
                    .gatewayHttp(http)
                    .build();
        } catch (IllegalArgumentException e) {
            throw PropertyNames.translate(prefix, e, Map.of(
                    "merchantPrivateKey", KeyMaterial.sourceOf("merchant-private-key", p.getMerchantPrivateKeyLocation()),
                    "alipayPublicKey", KeyMaterial.sourceOf("alipay-public-key", p.getAlipayPublicKeyLocation()),
                    "appCertificate", KeyMaterial.sourceOf("app-certificate", p.getAppCertificateLocation()),
                    "alipayPublicCertificate", KeyMaterial.sourceOf("alipay-public-certificate",
                            p.getAlipayPublicCertificateLocation()),
                    "alipayRootCertificate", KeyMaterial.sourceOf("alipay-root-certificate",
                            p.getAlipayRootCertificateLocation())));
        }
        AlipayProvider provider = AlipayProvider.create(config);
        Map<String, Instant> certificates = new LinkedHashMap<>();
        if (config.certificateMode()) {
            putIfKnown(certificates, "appCertificate", KeyMaterial.firstExpiry(appCertificate));
            putIfKnown(certificates, "alipayPublicCertificate", KeyMaterial.firstExpiry(alipayCertificate));
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("appId", config.appId());
        info.put("gatewayUrl", config.gatewayUrl());
        info.put("verification", config.certificateMode() ? "CERTIFICATE" : "PUBLIC_KEY");
        return new MerchantFactory.Built(provider, certificates, info, provider::bills);
    }

    private static void putIfKnown(Map<String, Instant> map, String key, Instant value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
