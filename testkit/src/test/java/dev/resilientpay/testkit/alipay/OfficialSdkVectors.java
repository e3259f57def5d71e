package dev.resilientpay.testkit.alipay;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Request-signing cases produced by the official Alipay SDK (alipay-sdk-java 4.40.734, see the
 * project's shared vectors), with the test-only app key pair they were signed with. They anchor the
 * simulator's verification to the real protocol rather than to our own reading of it.
 */
final class OfficialSdkVectors {

    static final String APP_ID = "2021000000000000";

    static final String APP_PRIVATE_KEY_PEM =
            "-----BEGIN PRIVATE KEY-----\n" +
            "MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQC6Zd5ZWf6oon2g\n" +
            "P9wMtgH3suTSh7ZaiG4bVN6bZz+qaws/0KvbnL2AMPqa+qeTp2EMcePXb5IbefjE\n" +
            "psSzmCaIPnOkxkMG7qOCAZdpuVRbVPUhINVrVTz0GjulQz3IxLpc6DPrOP+rRIJ7\n" +
            "vL5Ot+yq2ZqrFzYNXiKsV4/kOh2R+wP2Ccx08fjRk5+CLyDu73eLhRoUr1QBIBBo\n" +
            "fuWF8ZB+SWZ202ga9SlTby6y9Fg/+igfKZPL7zxBQ8tDWGZpSbgzJb3yb08AHn1W\n" +
            "eZJEE2OZaPetqA0k/iq/+4giP7AsMJ4KHukOzOidA48bkdcU6DIZGjpthBTEQbH1\n" +
            "OuywDzT1AgMBAAECggEAAqAjguqOVlc5dz+GftaKR58emeDVw/86gHtjfXagQBXP\n" +
            "HTjvk9k1a/7mwU/28gx+HlSOwYDWODmG3u24CVFyEYBK5i8TabCVo45tyExS3WY1\n" +
            "0spevZ4Z0RjQbqrFEjk7LOzHmJKMOyAXdAes6PiuZEWxEqQC/eZpfBX6mGz9I1/X\n" +
            "j8Pw1b+/rRIPDMCA8wPJfJG+hh+Un3IGi/FrpNULRBzFq06Y3WH1NQUQwO4Mhlf9\n" +
            "IKHPIkrwNcS4se2RWYQO7uCG4hIg7pBJmveDMdwSm2cNov8FpcXttgfIuWfoDbQE\n" +
            "tmIQzKefflO8t6IzgMak5rl9tMtJ3SlrH8tVeAGVAQKBgQDUNNij8W/KXWUUvtPx\n" +
            "2/TEdHyiqOhLOXrh0+/efYzaG6q4miiYBC5istwKg97Hx7vyJ2QK4dzqsrFbfyWY\n" +
            "R84ZqZfAQALM6EHk4RW8s7ZXvyHAHwbgTHyWfhXuL3qZUY0+G5rVN1bQfcBw07ym\n" +
            "LTuaJxvpU3SYKHhEqq5qvy8UQQKBgQDg3YYcAnMzDUwImzayrJMj1yY5cyTDf8Bc\n" +
            "dQcXMek5U9/fQf+t8puvCwaRWv3wuBF4HHzGw76wPXd7eVL4iXlslTQrh1zUbjsr\n" +
            "RfRmkjZHB5Mw2dJNsyYm/NZTFmfgQcxlDWpBRQgy5/5ny8i1/HgV2wikll+m7nps\n" +
            "YbwiD8EjtQKBgHqZWXxGFcb9dFOq+DooUN5bSlKTcTlcqRDlaBTLxl+QUm66qa9B\n" +
            "4yaknRn6G/CiBYSem17qJL73pB3vdGHpQjpzT7gDg1qs6Lz6CZvu2+8P/sjHZCqc\n" +
            "JfKwP61Pgu4nPoneWvLKOP7VWCQXQEtloKSr6aVA0QDDiNBrJ7+GWwXBAoGAKdiP\n" +
            "sH60OXfsAl4AG9gJuc28C0zmNot7nLkajLJ5GHYHX2DE1/YiCr0eh8ZLI5Tdi2Ch\n" +
            "x8t9nQaTSaMWUbIjqpVJlCAook+xKyhlhwEGoMlEFv8yJ8uC+hZrPCMbSZx1EQki\n" +
            "EOtrzy1lJqPBwjwtjMOqJBbnzgTrO2gkvqH361ECgYBxOjYbz4ecClYyG8blPUcB\n" +
            "9fOATgt5B+Akf1MzCCNsIkSAZyKvn7xkoKxFRcBN2GGpqJ3wCvKcglj8xz4827Dm\n" +
            "XYmPUMV2A646YdR4XqxrCRC8pcvCBwSLpcqjcSqESJrboF7uR+d5MpryyU8YLcml\n" +
            "1hUOAeZMozz0AiT6ZpuCvg==\n" +
            "-----END PRIVATE KEY-----\n";

    static final String APP_PUBLIC_KEY_PEM =
            "-----BEGIN PUBLIC KEY-----\n" +
            "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAumXeWVn+qKJ9oD/cDLYB\n" +
            "97Lk0oe2WohuG1Tem2c/qmsLP9Cr25y9gDD6mvqnk6dhDHHj12+SG3n4xKbEs5gm\n" +
            "iD5zpMZDBu6jggGXablUW1T1ISDVa1U89Bo7pUM9yMS6XOgz6zj/q0SCe7y+Trfs\n" +
            "qtmaqxc2DV4irFeP5DodkfsD9gnMdPH40ZOfgi8g7u93i4UaFK9UASAQaH7lhfGQ\n" +
            "fklmdtNoGvUpU28usvRYP/ooHymTy+88QUPLQ1hmaUm4MyW98m9PAB59VnmSRBNj\n" +
            "mWj3ragNJP4qv/uIIj+wLDCeCh7pDszonQOPG5HXFOgyGRo6bYQUxEGx9TrssA80\n" +
            "9QIDAQAB\n" +
            "-----END PUBLIC KEY-----\n";

    /** Vector {@code chinese-subject}: parameters as sent (without sign). */
    static Map<String, String> chineseSubjectPayParams() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("app_id", "2021000000000000");
        params.put("method", "alipay.trade.pay");
        params.put("format", "json");
        params.put("charset", "utf-8");
        params.put("sign_type", "RSA2");
        params.put("timestamp", "2023-11-15 06:13:20");
        params.put("version", "1.0");
        params.put("biz_content", "{\"out_trade_no\":\"T20231115000002\",\"scene\":\"bar_code\",\"auth_code\":\"281234567890123456\",\"total_amount\":\"25.00\",\"subject\":\"测试商品-咖啡（大杯）\"}");
        return params;
    }

    /** Vector {@code chinese-subject}: the official SDK's signature. */
    static final String CHINESE_SUBJECT_PAY_SIGN = "DTGPIPxNLPRAerFMnN/CTBPKW/aZybvH60ZvpLwWSpMT0wvnRmfwvIME/tftdlIhQg/5kF1cZkRwiGib3Bplzlc8j8cxypEm+9AsSfWrvXLDLs3vjwyjWEonhbl6yEib0iZHy+AXdzE0CYCCfZ5w0TnIAbc9AlubzAe6gvB/nzfOtM1BTtxZ+LqAvnpMJwZDd8YG+ldgIeST+sQ38f+SZSC5cHjxpA8g6vT+/alWkteayynpd4woNv5p3VEdbB/VBhsCaUlrAG+QhHDyEybHcmLyx4oNEgvYj3sokMtu+M+6UC0vGab4y5D4inSDw3J2t0Ez4DZAFWLdi4hYjSQa3w==";

    /** Vector {@code whitespace-only-value-excluded}: parameters as sent (without sign). */
    static Map<String, String> whitespaceOnlyQueryParams() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("app_id", "2021000000000000");
        params.put("method", "alipay.trade.query");
        params.put("format", "json");
        params.put("charset", "utf-8");
        params.put("sign_type", "RSA2");
        params.put("timestamp", "2023-11-15 06:13:20");
        params.put("version", "1.0");
        params.put("app_auth_token", " ");
        params.put("biz_content", "{\"out_trade_no\":\"T20231115000001\"}");
        return params;
    }

    /** Vector {@code whitespace-only-value-excluded}: the official SDK's signature. */
    static final String WHITESPACE_ONLY_QUERY_SIGN = "gko4dEwuFlp2iyrdl4mMNVDy9VyhxouZmzBCdJaFRMX+oso0YSzRrz3oHlohEGvlTT3As3hToZlTK5db1BJlwjiUoAIqablN96jrT/vHGPdcm3nFaR94UNVpQ83VvbXEnCILf0hmZpamf7kCvCcFAST2hTUlHePDGD3hK7M/mEUagDXZLEvB8FgTxuC1StUqkCz/Gp9+PIpl6Ikc2J/X/mRDfYtFPepZpUjUzLBFVKl3VwWkAmsKPEjVsXGoP/UdEsGTwo1CwxJA0fg6vo7E0V75cDFSH/HwkUM2CQCmEYkOWrvxqgxTSakBd+KM5HTyAxHUbRVPlnUJhf4O5EttQw==";

    /** Vector {@code special-chars-in-biz-content}: parameters as sent (without sign). */
    static Map<String, String> specialCharsPrecreateParams() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("app_id", "2021000000000000");
        params.put("method", "alipay.trade.precreate");
        params.put("format", "json");
        params.put("charset", "utf-8");
        params.put("sign_type", "RSA2");
        params.put("timestamp", "2023-11-15 06:13:20");
        params.put("version", "1.0");
        params.put("biz_content", "{\"out_trade_no\":\"T20231115000003\",\"total_amount\":\"10.00\",\"subject\":\"A&B=C/D+E%F \\\"quoted\\\" 'single'\",\"body\":\"100% pure; a=1&b=2 <tag>\"}");
        return params;
    }

    /** Vector {@code special-chars-in-biz-content}: the official SDK's signature. */
    static final String SPECIAL_CHARS_PRECREATE_SIGN = "nPYQi43mtpiTXibhsHkpCjascOkWbh9r7j+K+fwwqny9u1w28ryo7y8gdBzVHpCgpImAqWXI5EqSykUMAF3v432gfM/IzLSMVfhpvK5LSghJDlUVpMOprEaEpY9Zi1UNpX+mUdf1CiOx+WlAVIhYvxCEK2m+47elBX5/JEWWdFC/aw9jjfIQpUUytHb+OVG/XRS7exiRhgAhmQn4zFcx52UKHT/JAchLoKEok2DDUfYs9bTVP8WS+mLDNK5ummHixfPvYB68naibQQWhbFqM+13igDfbIg6VeIIhVs2UBQF0vDeL5TW3qTuojTB57+n8bh68Vry+MciV/7g0fpaIWQ==";

    private OfficialSdkVectors() {
    }
}
