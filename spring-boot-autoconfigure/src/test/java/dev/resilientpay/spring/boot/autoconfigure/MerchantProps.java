package dev.resilientpay.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

/** Property lines of valid merchants, for context runners. */
final class MerchantProps {

    static final String WECHAT_PUBLIC_KEY_ID = "PUB_KEY_ID_0114232134912410000000000000";

    private MerchantProps() {}

    /** A distinct account id per merchant name: two merchants must be two accounts. */
    static String account(String prefix, String name) {
        return prefix + String.format("%010d", Math.floorMod(name.hashCode(), 1_000_000_000));
    }

    static String[] alipay(String name, String... extra) {
        String p = "resilientpay.alipay.merchants." + name + ".";
        List<String> lines = new ArrayList<>(List.of(
                p + "app-id=" + account("2021", name),
                p + "merchant-private-key=" + TestKeys.privatePem(TestKeys.ALIPAY_APP),
                p + "alipay-public-key=" + TestKeys.publicPem(TestKeys.ALIPAY_GATEWAY)));
        for (String line : extra) {
            lines.add(p + line);
        }
        return lines.toArray(String[]::new);
    }

    static String[] wechat(String name, String... extra) {
        String p = "resilientpay.wechat.merchants." + name + ".";
        List<String> lines = new ArrayList<>(List.of(
                p + "mch-id=" + account("19", name),
                p + "app-id=wxd678efh567hg6787",
                p + "merchant-private-key=" + TestKeys.privatePem(TestKeys.WECHAT_MERCHANT),
                p + "merchant-serial-number=5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
                p + "api-v3-key=" + TestKeys.API_V3_KEY,
                p + "public-key-id=" + WECHAT_PUBLIC_KEY_ID,
                p + "public-key=" + TestKeys.publicPem(TestKeys.WECHAT_PLATFORM)));
        for (String line : extra) {
            lines.add(p + line);
        }
        return lines.toArray(String[]::new);
    }
}
