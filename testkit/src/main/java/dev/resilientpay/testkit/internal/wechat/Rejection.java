package dev.resilientpay.testkit.internal.wechat;

/**
 * Thrown while checking a request body to stop handling and answer with an error. Carries no stack
 * trace: it is control flow, not a failure of the simulator.
 */
final class Rejection extends RuntimeException {

    private final transient Answer answer;

    Rejection(Answer answer) {
        super(null, null, false, false);
        this.answer = answer;
    }

    Answer answer() {
        return answer;
    }
}
