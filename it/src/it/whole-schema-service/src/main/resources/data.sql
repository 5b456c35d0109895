-- Seed data; the ids come from the serial and identity columns.

INSERT INTO category (name) VALUES ('Books');
INSERT INTO category (name) VALUES ('Games');
INSERT INTO category (name) VALUES ('Tools');

INSERT INTO item (name, category_id, price) VALUES ('The Pragmatic Programmer', (SELECT id FROM category WHERE name = 'Books'), 42.50);
INSERT INTO item (name, category_id, price) VALUES ('Hitchhiker''s Guide', (SELECT id FROM category WHERE name = 'Books'), 9.99);
INSERT INTO item (name, category_id, price) VALUES ('Chess Set', (SELECT id FROM category WHERE name = 'Games'), 25.00);
INSERT INTO item (name, category_id, price) VALUES ('Playing Cards', (SELECT id FROM category WHERE name = 'Games'), 3.75);
INSERT INTO item (name, category_id, price) VALUES ('Hammer', (SELECT id FROM category WHERE name = 'Tools'), 14.20);
INSERT INTO item (name, category_id, price) VALUES ('Screwdriver Set', (SELECT id FROM category WHERE name = 'Tools'), 19.90);
