-- Loaded into database "shop" by devstack:up; ShopDatabaseIT reads the row back.
CREATE TABLE greetings (
  id INT PRIMARY KEY,
  text VARCHAR(100) NOT NULL
);
INSERT INTO greetings (id, text) VALUES (1, 'hello from the dump');
