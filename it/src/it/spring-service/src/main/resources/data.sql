INSERT INTO product (id, name, price_cents) VALUES (1, 'Lamp', 2500);
INSERT INTO product (id, name, price_cents) VALUES (2, 'Desk', 12000);
INSERT INTO product (id, name, price_cents) VALUES (3, 'Chair', 4500);
