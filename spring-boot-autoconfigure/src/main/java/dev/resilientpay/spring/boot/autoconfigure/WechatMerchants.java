package dev.resilientpay.spring.boot.autoconfigure;

import dev.resilientpay.transport.GatewayHttp;
import dev.resilientpay.wechat.WechatPayConfig;
import dev.resilientpay.wechat.WechatPayProvider;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds WeChat Pay providers from properties; loaded only when resilient-pay-wechat is on the class path. */
final class WechatMerchants {

    static final String ADAPTER_CLASS = "dev.resilientpay.wechat.WechatPayProvider";

    private WechatMerchants() {}

    static MerchantFactory.Built build(String prefix, WechatMerchantProperties p, GatewayHttp http) {
        String privateKey = KeyMaterial.read(prefix, "merchant-private-key", p.getMerchantPrivateKey(),
                p.getMerchantPrivateKeyLocation());
        String apiV3Key = KeyMaterial.read(prefix, "api-v3-key", p.getApiV3Key(), p.getApiV3KeyLocation());
        if (apiV3Key != null && p.getApiV3KeyLocation() != null) {
            apiV3Key = apiV3Key.strip(); // a file usually ends with a newline; the key itself has no spaces
        }
        String publicKey = KeyMaterial.read(prefix, "public-key", p.getPublicKey(), p.getPublicKeyLocation());
        String merchantCertificate = KeyMaterial.read(prefix, "merchant-certificate", p.getMerchantCertificate(),
                p.getMerchantCertificateLocation());
        WechatPayConfig config;
        try {
            WechatPayConfig.Builder builder = WechatPayConfig.builder()
                    .mchId(p.getMchId())
                    .appId(p.getAppId())
                    .merchantPrivateKey(privateKey)
                    .merchantSerialNumber(p.getMerchantSerialNumber())
                    .apiV3Key(apiV3Key)
                    .host(p.getHost())
                    .notifyUrl(p.getNotifyUrl())
                    .gatewayHttp(http);
            if (p.getBackupHost() != null) {
                builder.backupHost(p.getBackupHost().isBlank() ? null : p.getBackupHost());
            }
            if (p.getPublicKeyId() != null || publicKey != null) {
                builder.wechatPayPublicKey(p.getPublicKeyId(), publicKey);
            }
            if (p.isPlatformCertificates()) {
                builder.platformCertificates();
            }
            config = builder.build();
        } catch (IllegalArgumentException e) {
            String publicKeyProperty = KeyMaterial.sourceOf("public-key", p.getPublicKeyLocation());
            String message = String.valueOf(e.getMessage());
            throw PropertyNames.translate(prefix, e, Map.of(
                    "merchantPrivateKey", KeyMaterial.sourceOf("merchant-private-key", p.getMerchantPrivateKeyLocation()),
                    "apiV3Key", KeyMaterial.sourceOf("api-v3-key", p.getApiV3KeyLocation()),
                    "wechatPayPublicKey", message.startsWith("wechatPayPublicKey id") ? "public-key-id" : publicKeyProperty,
                    "verification", "public-key-id"));
        }
        WechatPayProvider provider = WechatPayProvider.create(config);
        Map<String, Instant> certificates = new LinkedHashMap<>();
        Instant merchantExpiry = KeyMaterial.firstExpiry(merchantCertificate);
        if (merchantExpiry != null) {
            certificates.put("merchantCertificate", merchantExpiry);
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("mchId", config.mchId());
        info.put("appId", config.appId());
        info.put("host", config.host().toString());
        info.put("backupHost", config.backupHost() == null ? "none" : config.backupHost().toString());
        info.put("verification", config.verificationMode());
        return new MerchantFactory.Built(provider, certificates, info, provider::bills);
    }
}
