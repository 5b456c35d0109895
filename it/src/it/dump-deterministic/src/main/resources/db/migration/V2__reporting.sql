CREATE TABLE order_audit (
  id INT AUTO_INCREMENT PRIMARY KEY,
  order_id BIGINT NOT NULL,
  total_cents INT NOT NULL
);
CREATE VIEW customer_totals AS
  SELECT c.name, SUM(o.total_cents) AS total_cents FROM customer c JOIN orders o ON o.customer_id = c.id GROUP BY c.name;
CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW
  INSERT INTO order_audit (order_id, total_cents) VALUES (NEW.id, NEW.total_cents);
CREATE FUNCTION cents_to_euros(cents INT) RETURNS DECIMAL(10,2) DETERMINISTIC RETURN cents / 100;
INSERT INTO orders (customer_id, total_cents) VALUES (2, 300);
