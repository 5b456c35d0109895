package com.example.orders;

import org.junit.jupiter.api.Test;

class OrderServiceTest {
    @Test
    void starts() {
        OrderService.main(new String[0]);
    }
}
