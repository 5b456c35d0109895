ALTER TABLE greetings ADD CONSTRAINT greetings_language UNIQUE (language);
