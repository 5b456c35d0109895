-- a reporting user, and a line in the audit log (which 05-audit.sql creates; without it, line 3 fails)
CREATE USER IF NOT EXISTS 'reporting'@'%' IDENTIFIED BY 'reporting';
INSERT INTO audit_log (event) VALUES ('users');
INSERT INTO runs (script) VALUES ('users');
