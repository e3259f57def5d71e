package dev.resilientpay.wechat.e2e;

import dev.resilientpay.testkit.WechatPaySimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh {@link WechatE2e} rig (public-key mode) per test, closed after it. */
abstract class E2eTestBase {

    WechatE2e e2e;
    /** The rig's simulator. */
    WechatPaySimulator wechat;

    @BeforeEach
    void startRig() {
        e2e = WechatE2e.start();
        wechat = e2e.simulator;
    }

    @AfterEach
    void closeRig() {
        e2e.close();
    }
}
