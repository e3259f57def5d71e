package dev.resilientpay.testkit.internal.wechat;

import java.security.KeyPair;
import java.util.Objects;

/**
 * The merchant the simulator serves: who may call it and with which key.
 *
 * @param mchId          merchant id ({@code mchid})
 * @param appId          app id ({@code appid})
 * @param serialNumber   merchant API certificate serial ({@code serial_no} in {@code Authorization})
 * @param keys           merchant API key pair; the simulator verifies with the public half
 * @param apiV3Key       the 32-character APIv3 key
 */
public record Merchant(String mchId, String appId, String serialNumber, KeyPair keys, String apiV3Key) {

    /** Validates the components. */
    public Merchant {
        Objects.requireNonNull(mchId, "mchId");
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(apiV3Key, "apiV3Key");
    }

    @Override
    public String toString() {
        return "Merchant[mchId=" + mchId + ", appId=" + appId + ", serialNumber=" + serialNumber + "]";
    }
}
