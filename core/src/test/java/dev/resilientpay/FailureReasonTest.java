package dev.resilientpay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FailureReasonTest {

    @Test
    void everyReasonHasAnEnglishAndAChineseMessage() {
        for (FailureReason reason : FailureReason.values()) {
            String en = reason.userMessage(Locale.ENGLISH);
            String zh = reason.userMessage(Locale.SIMPLIFIED_CHINESE);
            assertThat(en).as("%s in English", reason).isNotBlank().matches("\\p{ASCII}+");
            assertThat(zh).as("%s in Chinese", reason).isNotBlank().containsPattern("\\p{IsHan}");
            assertThat(zh).isNotEqualTo(en);
        }
    }

    @Test
    void exactlyTheTransientReasonsAndUnverifiedAnswersAreRetryable() {
        assertThat(Arrays.stream(FailureReason.values()).filter(FailureReason::retryable))
                .allMatch(r -> r.category() == FailureReason.Category.TRANSIENT
                        || r == FailureReason.RESPONSE_SIGNATURE_INVALID);
        assertThat(Arrays.stream(FailureReason.values())
                .filter(r -> r.category() == FailureReason.Category.TRANSIENT)).allMatch(FailureReason::retryable);
    }

    @Test
    void failureUsesItsReasonsMessageForTheLocale() {
        Failure failure = Failure.of(FailureReason.INSUFFICIENT_FUNDS, "NOT_ENOUGH", null, "balance", "r-1");
        assertThat(failure.userMessage(Locale.CHINA)).isEqualTo(FailureReason.INSUFFICIENT_FUNDS.userMessage(Locale.CHINA));
        assertThat(failure.withAttempts(3).attempts()).isEqualTo(3);
    }
}
