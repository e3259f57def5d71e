package dev.resilientpay.model;

/** One thing the till, the operator or the gateway does in a {@link Schedule}. */
sealed interface Step {

    /** The orders a schedule can use. */
    String[] ORDERS = {"o-1", "o-2"};

    /**
     * {@code callers} threads call {@code pay} of order {@code order} at the same moment with the same
     * request (a till retrying, a double click).
     */
    record Pay(int order, int callers) implements Step {
        @Override
        public String toString() {
            return "pay(" + ORDERS[order] + (callers > 1 ? ", " + callers + " concurrent callers" : "") + ")";
        }
    }

    /** The operator calls {@code resolve} of an order. */
    record Resolve(int order) implements Step {
        @Override
        public String toString() {
            return "resolve(" + ORDERS[order] + ")";
        }
    }

    /** A restarted instance calls {@code recover()} after {@code afterSeconds} of virtual time. */
    record Recover(int afterSeconds) implements Step {
        @Override
        public String toString() {
            return "recover() after " + afterSeconds + "s";
        }
    }

    /** The gateway delivers every PAID notification it has not delivered yet. */
    record Notify() implements Step {
        @Override
        public String toString() {
            return "deliver pending notifications";
        }
    }

    /** Someone posts a forged PAID notification for an order. */
    record ForgedNotification(int order) implements Step {
        @Override
        public String toString() {
            return "forged PAID notification for " + ORDERS[order];
        }
    }

    /** The till refunds {@code refundId} ({@code r-1}, {@code r-2}) of an order: part of it or all. */
    record Refund(int order, int refundId, boolean full) implements Step {
        @Override
        public String toString() {
            return "refund(" + ORDERS[order] + ", r-" + (refundId + 1) + ", " + (full ? "all" : "10.00") + ")";
        }
    }

    /** The till waits up to {@code seconds} for the order to be paid ({@code awaitPayment}). */
    record AwaitPayment(int order, int seconds) implements Step {
        @Override
        public String toString() {
            return "awaitPayment(" + ORDERS[order] + ", " + seconds + "s)";
        }
    }

    /** A pay of order {@code order} racing a {@code resolve} of it. */
    record PayRacingResolve(int order) implements Step {
        @Override
        public String toString() {
            return "pay(" + ORDERS[order] + ") racing resolve(" + ORDERS[order] + ")";
        }
    }
}
