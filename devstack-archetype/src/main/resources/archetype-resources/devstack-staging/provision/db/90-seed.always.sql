-- Runs on every `mvn devstack:up` (".always." in the name): keep it idempotent.
-- Example: make sure a development login exists.
#if( $database == "postgres" )
-- INSERT INTO users (email, name) VALUES ('dev@example.com', 'Developer') ON CONFLICT DO NOTHING;
#else
-- INSERT IGNORE INTO users (email, name) VALUES ('dev@example.com', 'Developer');
#end
SELECT 1;
