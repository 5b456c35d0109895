-- runs on every up
INSERT INTO runs (script) VALUES ('seed');
