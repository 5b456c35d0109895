package org.example.spring.catalog;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ProductController {

    private final JdbcTemplate jdbcTemplate;

    public ProductController(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
    }

    @GetMapping("/products")
    public List<Product> products() {
        return jdbcTemplate.query(
                "SELECT id, name, price_cents FROM product ORDER BY id",
                (rs, rowNum) -> new Product(rs.getInt("id"), rs.getString("name"), rs.getInt("price_cents")));
    }
}
