#!/bin/sh
# a shell script: the database client's credentials are in the environment
set -e
mariadb --user=root --database=app -e "INSERT INTO runs (script) VALUES ('shell')"
