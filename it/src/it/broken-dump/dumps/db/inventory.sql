-- Inventory dump for BrokenDumpIT: line 9 has a typo on purpose (INSRT).
CREATE TABLE items (
  id INT PRIMARY KEY,
  name VARCHAR(50) NOT NULL
);
INSERT INTO items VALUES (1, 'bolt'), (2, 'nut');
INSERT INTO items VALUES (3, 'washer');
-- the next statement is broken on purpose
INSRT INTO items VALUES (4, 'screw');
