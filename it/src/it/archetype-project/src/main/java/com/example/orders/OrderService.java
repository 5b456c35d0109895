package com.example.orders;

/** The service's entry point; what it does does not matter to the archetype tests. */
public final class OrderService {
    private OrderService() {
    }

    public static void main(String[] args) {
        System.out.println("order-service started");
    }
}
