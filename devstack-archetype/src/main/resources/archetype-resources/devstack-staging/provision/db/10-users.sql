## database=auto (not given): every variant, each after a marker line; the post-generate script keeps the one that
## the project's JDBC driver calls for
#if( $database == "auto" )
#set( $variants = ["mariadb", "mysql", "postgres"] )
#else
#set( $variants = [$database] )
#end
#foreach( $database in $variants )
@devstack-variant@ ${database}
-- Runs once per stack after the dumps load (devstack provision script); safe to run again.
#if( $database == "postgres" )
-- A read-only role for tools and reports.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${databaseName}_ro') THEN
    CREATE ROLE ${databaseName}_ro LOGIN PASSWORD '${databaseName}_ro';
  END IF;
END
$$;
GRANT CONNECT ON DATABASE ${databaseName} TO ${databaseName}_ro;
GRANT USAGE ON SCHEMA public TO ${databaseName}_ro;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${databaseName}_ro;
#else
-- A read-only user for tools and reports.
CREATE USER IF NOT EXISTS '${databaseName}_ro'@'%' IDENTIFIED BY '${databaseName}_ro';
GRANT SELECT ON `${databaseName}`.* TO '${databaseName}_ro'@'%';
#end
#end
