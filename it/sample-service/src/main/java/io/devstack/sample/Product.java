package io.devstack.sample;

import java.math.BigDecimal;

/** One row of the {@code products} table. */
record Product(long id, String name, BigDecimal price) {
}
