#!/bin/sh
# Applies src/main/resources/db/migration/*.sql in name order, once each, recording them in schema_version.
set -e
sql() { mariadb --user=root --password="$MARIADB_ROOT_PASSWORD" --database=app "$@"; }
sql -e 'CREATE TABLE IF NOT EXISTS schema_version (script VARCHAR(200) PRIMARY KEY)'
for f in /project/src/main/resources/db/migration/*.sql; do
  name=$(basename "$f")
  if [ "$(sql -N -e "SELECT count(*) FROM schema_version WHERE script = '$name'")" = 0 ]; then
    sql < "$f"
    sql -e "INSERT INTO schema_version VALUES ('$name')"
    echo "applied $name"
  fi
done
