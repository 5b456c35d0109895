package org.example.spring.catalog;

public record Product(int id, String name, int priceCents) {
}
