-- Runs on every `mvn devstack:up` (".always." in the name): keep it idempotent.
-- Example: make sure a development login exists.
-- INSERT IGNORE INTO users (email, name) VALUES ('dev@example.com', 'Developer');
SELECT 1;
