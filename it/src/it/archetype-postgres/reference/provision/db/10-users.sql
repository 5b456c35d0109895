-- Runs once per stack after the dumps load (devstack provision script); safe to run again.
-- A read-only role for tools and reports.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'app_ro') THEN
    CREATE ROLE app_ro LOGIN PASSWORD 'app_ro';
  END IF;
END
$$;
GRANT CONNECT ON DATABASE app TO app_ro;
GRANT USAGE ON SCHEMA public TO app_ro;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO app_ro;
