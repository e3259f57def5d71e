package dev.resilientpay.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * A fault a simulator injects into one request. Each fault says whether the simulator processes the
 * request (changes its order state) before misbehaving: {@link #processesRequest()}. The faults that
 * do are the dangerous ones for a client: the money moved, the answer did not arrive intact.
 */
public sealed interface Fault {

    /** {@return whether the simulator acts on the request (e.g. charges the payer) before the fault} */
    boolean processesRequest();

    /**
     * Processes the request and answers normally, but only after {@code delay}.
     *
     * @param delay {@link Delay}
     */
    record Delay(Duration delay) implements Fault {
        /**
         * Validates the delay.
         *
         * @param delay {@link Delay}
         */
        public Delay {
            Objects.requireNonNull(delay, "delay");
        }

        @Override public boolean processesRequest() { return true; }
    }

    /** Resets the connection without processing the request. */
    record ConnectionReset() implements Fault {
        @Override public boolean processesRequest() { return false; }
    }

    /**
     * Answers with an HTTP error without processing the request.
     *
     * @param status      HTTP status (500, 502, 503)
     * @param contentType content type, or {@code null} for none
     * @param body        body text (a JSON error, an HTML page, or empty)
     */
    record HttpError(int status, String contentType, String body) implements Fault {
        @Override public boolean processesRequest() { return false; }
    }

    /**
     * Answers 429 with {@code Retry-After} without processing the request.
     *
     * @param retryAfter the wait the answer asks for
     */
    record RateLimited(Duration retryAfter) implements Fault {
        @Override public boolean processesRequest() { return false; }
    }

    /**
     * Answers with the provider's own, correctly signed "system busy, outcome unknown" error
     * (Alipay {@code 20000} / {@code ACQ.SYSTEM_ERROR}, WeChat {@code 500 SYSTEM_ERROR}). When
     * {@code processed} is true the request was acted on first, as real gateways sometimes do.
     *
     * @param processed whether the request was acted on before the error answer
     */
    record SystemError(boolean processed) implements Fault {
        @Override public boolean processesRequest() { return processed; }
    }

    /** Processes the request, then answers with a body that is not valid JSON. */
    record MalformedBody() implements Fault {
        @Override public boolean processesRequest() { return true; }
    }

    /** Processes the request, then answers with a broken signature. */
    record BadSignature() implements Fault {
        @Override public boolean processesRequest() { return true; }
    }

    /** Processes the request, then answers correctly signed but with a timestamp ten minutes old (WeChat). */
    record StaleTimestamp() implements Fault {
        @Override public boolean processesRequest() { return true; }
    }

    /** Processes the request, then resets the connection instead of answering: the response is lost. */
    record ResponseLost() implements Fault {
        @Override public boolean processesRequest() { return true; }
    }

    /**
     * {@link Delay}.
     *
     * @return {@link Delay}
     * @param delay how long the answer is held back
     */
    static Fault delay(Duration delay) { return new Delay(delay); }

    /** {@return {@link ConnectionReset}} */
    static Fault connectionReset() { return new ConnectionReset(); }

    /** {@return a 500 with a JSON error body} */
    static Fault http500() {
        return new HttpError(500, "application/json", "{\"code\":\"SYSTEM_ERROR\",\"message\":\"internal error\"}");
    }

    /** {@return a 502 with an HTML page, as load balancers send} */
    static Fault http502Html() {
        return new HttpError(502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>");
    }

    /** {@return a 503 with an empty body} */
    static Fault http503Empty() {
        return new HttpError(503, null, "");
    }

    /**
     * {@link RateLimited}.
     *
     * @param retryAfter how long the provider asked to wait, or {@code null}
     * @return {@link RateLimited}
     */
    static Fault rateLimited(Duration retryAfter) { return new RateLimited(retryAfter); }

    /** {@return {@link SystemError}, not processed} */
    static Fault systemError() { return new SystemError(false); }

    /** {@return {@link SystemError}, processed first} */
    static Fault systemErrorAfterProcessing() { return new SystemError(true); }

    /** {@return {@link MalformedBody}} */
    static Fault malformedBody() { return new MalformedBody(); }

    /** {@return {@link BadSignature}} */
    static Fault badSignature() { return new BadSignature(); }

    /** {@return {@link StaleTimestamp}} */
    static Fault staleTimestamp() { return new StaleTimestamp(); }

    /** {@return {@link ResponseLost}: the request is processed and the answer never arrives} */
    static Fault responseLost() { return new ResponseLost(); }
}
