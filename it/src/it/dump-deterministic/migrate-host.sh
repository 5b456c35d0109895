#!/bin/bash
# The migrations of migrate.sh, from scratch, run on this machine (-Ddevstack.dump.script) against the throwaway
# database's published port, with a mariadb client from the service's image on the host network.
set -euo pipefail
mkdir -p target
env | grep '^DEVSTACK_DB_' | sort > target/script-env.txt
{
  echo "CREATE TABLE IF NOT EXISTS schema_version (script VARCHAR(200) PRIMARY KEY);"
  for f in src/main/resources/db/migration/*.sql; do
    cat "$f"
    echo "INSERT INTO schema_version VALUES ('$(basename "$f")');"
  done
} | docker run --rm -i --network host --entrypoint mariadb "${DEVSTACK_MARIADB_IMAGE:-mariadb:11.4}" \
    --host="$DEVSTACK_DB_HOST" --port="$DEVSTACK_DB_PORT" --user="$DEVSTACK_DB_USER" \
    --password="$DEVSTACK_DB_PASSWORD" --database="$DEVSTACK_DB_NAME"
echo "migrated $DEVSTACK_DB_URL from the host"
