-- Runs once per stack after the dumps load (devstack provision script); safe to run again.
-- A read-only user for tools and reports.
CREATE USER IF NOT EXISTS 'app_ro'@'%' IDENTIFIED BY 'app_ro';
GRANT SELECT ON `app`.* TO 'app_ro'@'%';
