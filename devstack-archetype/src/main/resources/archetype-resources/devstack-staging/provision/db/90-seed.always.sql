## database=auto (not given): every variant, each after a marker line; the post-generate script keeps the one that
## the project's JDBC driver calls for
#if( $database == "auto" )
#set( $variants = ["mariadb", "mysql", "postgres"] )
#else
#set( $variants = [$database] )
#end
#foreach( $database in $variants )
@devstack-variant@ ${database}
-- Runs on every `mvn devstack:up` (".always." in the name): keep it idempotent.
-- Example: make sure a development login exists.
#if( $database == "postgres" )
-- INSERT INTO users (email, name) VALUES ('dev@example.com', 'Developer') ON CONFLICT DO NOTHING;
#else
-- INSERT IGNORE INTO users (email, name) VALUES ('dev@example.com', 'Developer');
#end
SELECT 1;
#end
