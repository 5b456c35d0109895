CREATE TABLE product (
  id INT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  price_cents INT NOT NULL
);
INSERT INTO product (name, price_cents) VALUES ('kettle', 2599), ('teapot', 1899), ('mug', 499);
