CREATE TABLE customer (
  id INT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(100) NOT NULL
);
CREATE TABLE orders (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  customer_id INT NOT NULL,
  total_cents INT NOT NULL,
  CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
);
INSERT INTO customer (name) VALUES ('ada'), ('grace'), ('linus');
INSERT INTO orders (customer_id, total_cents) VALUES (1, 1200), (1, 800), (2, 4500), (3, 99);
