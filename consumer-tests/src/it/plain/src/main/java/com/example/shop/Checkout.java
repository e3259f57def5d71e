package com.example.shop;

import dev.resilientpay.Money;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;

/** A till's checkout as a user writes it: one call, a definite outcome. */
public final class Checkout {
    private final PaymentClient client;

    public Checkout(PaymentClient client) {
        this.client = client;
    }

    public PaymentOutcome charge(String orderId, String amountYuan, String scannedCode) {
        return client.pay(PaymentRequest.builder()
                .orderId(orderId)
                .amount(Money.of(amountYuan, "CNY"))
                .subject("Coffee and cake")
                .method(new PaymentMethod.PaymentCode(scannedCode))
                .build());
    }
}
