-- Runs on every `mvn devstack:up` (".always." in the name): keep it idempotent.
-- Example: make sure a development login exists.
-- INSERT INTO users (email, name) VALUES ('dev@example.com', 'Developer') ON CONFLICT DO NOTHING;
SELECT 1;
