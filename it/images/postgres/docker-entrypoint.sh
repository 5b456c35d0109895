#!/bin/bash
# Entrypoint of devstack-it/postgres: the official postgres image's contract, on Debian's packages.
#  - args starting with '-' go to postgres (e.g. -c max_connections=200);
#  - on an empty $PGDATA: initdb with superuser POSTGRES_USER (default postgres) and POSTGRES_PASSWORD
#    (required unless POSTGRES_HOST_AUTH_METHOD=trust), "host all all all <method>" in pg_hba.conf
#    (default scram-sha-256), then a socket-only temporary server creates POSTGRES_DB (default: the
#    user's name) and runs /docker-entrypoint-initdb.d/*.{sh,sql,sql.gz,sql.xz};
#    POSTGRES_INITDB_ARGS are passed to initdb; *_FILE variants are read for the password/user/db;
#  - then postgres runs as PID 1 (user postgres), listening on '*'.
set -Eeo pipefail
shopt -s nullglob

log() { printf '%s [%s] [Entrypoint]: %s\n' "$(date --rfc-3339=seconds)" "$1" "${*:2}"; }
note() { log Note "$@"; }
warn() { log Warn "$@" >&2; }
error() { log ERROR "$@" >&2; exit 1; }

# file_env VAR [DEFAULT]: VAR, else the content of the file named by VAR_FILE, else DEFAULT.
file_env() {
	local var="$1" fileVar="${1}_FILE" def="${2:-}"
	if [ -n "${!var:-}" ] && [ -n "${!fileVar:-}" ]; then
		error "Both $var and $fileVar are set (but are exclusive)"
	fi
	local val="$def"
	if [ -n "${!var:-}" ]; then
		val="${!var}"
	elif [ -n "${!fileVar:-}" ]; then
		val="$(<"${!fileVar}")"
	fi
	export "$var"="$val"
	unset "$fileVar"
}

want_help() {
	local arg
	for arg; do
		case "$arg" in -'?'|--help|--describe-config|-V|--version) return 0 ;; esac
	done
	return 1
}

# psql on the temporary server's socket as the superuser; stops at the first error.
init_psql() {
	psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc "$@"
}

process_init_files() {
	local f
	for f; do
		case "$f" in
			*.sh)
				# Executable scripts run, others are sourced (as in the official image).
				# shellcheck source=/dev/null
				if [ -x "$f" ]; then note "running $f"; "$f"; else note "sourcing $f"; . "$f"; fi ;;
			*.sql)    note "running $f"; init_psql --dbname "$POSTGRES_DB" -f "$f" ;;
			*.sql.gz) note "running $f"; gunzip -c "$f" | init_psql --dbname "$POSTGRES_DB" ;;
			*.sql.xz) note "running $f"; xzcat "$f" | init_psql --dbname "$POSTGRES_DB" ;;
			*)        warn "ignoring $f" ;;
		esac
	done
}

init_database() {
	# "${@:2}": the command's postgres options, for the temporary server too.
	local method="${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}"
	if [ -z "$POSTGRES_PASSWORD" ] && [ "$method" != trust ]; then
		error $'Database is uninitialized and superuser password is not specified.\n\tSet POSTGRES_PASSWORD to a non-empty value for the superuser,\n\tor POSTGRES_HOST_AUTH_METHOD=trust to allow all connections without a password (not recommended).'
	fi
	[ "$method" != trust ] || warn "POSTGRES_HOST_AUTH_METHOD=trust: every connection is allowed without a password"

	ls /docker-entrypoint-initdb.d/ >/dev/null   # unreadable init dir: fail before creating anything

	note "initdb in $PGDATA (superuser $POSTGRES_USER)"
	# --pwfile refuses a truly empty file, hence the trailing newline.
	# --no-sync: saves 0.5-1.3 s per fresh volume here; a crash right after init only loses a test DB.
	# shellcheck disable=SC2086  # POSTGRES_INITDB_ARGS is a list of words, as in the official image
	initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") --no-sync $POSTGRES_INITDB_ARGS >/dev/null
	printf '\nhost all all all %s\n' "$method" >>"$PGDATA/pg_hba.conf"

	# listen_addresses='': socket only, so no client (and not the TCP healthcheck) sees a half-initialised server.
	note "Starting temporary server"
	PGUSER="$POSTGRES_USER" pg_ctl -D "$PGDATA" -w \
		-o "$(printf '%q ' "${@:2}" -c listen_addresses='' -p "${PGPORT:-5432}")" start

	export PGPASSWORD="${PGPASSWORD:-$POSTGRES_PASSWORD}"
	if [ "$POSTGRES_DB" != postgres ]; then
		note "Creating database $POSTGRES_DB"
		init_psql --dbname postgres --set db="$POSTGRES_DB" -q <<-'EOSQL'
			SELECT format('CREATE DATABASE %I', :'db')
			WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
		EOSQL
	fi
	# Aliases kept for init scripts written for the official image.
	# shellcheck disable=SC2034
	psql=(init_psql --dbname "$POSTGRES_DB")
	docker_process_sql() { init_psql --dbname "$POSTGRES_DB" "$@"; }
	process_init_files /docker-entrypoint-initdb.d/*
	unset PGPASSWORD

	note "Stopping temporary server"
	pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
	note "PostgreSQL init process complete; ready for start up."
}

main() {
	if [ "${1:0:1}" = '-' ]; then
		set -- postgres "$@"
	fi
	if [ "$1" != postgres ] || want_help "$@"; then
		exec "$@"
	fi

	if [ "$(id -u)" = 0 ]; then
		# Bind mounts and tmpfs come root-owned: hand them to postgres, then drop root for good.
		mkdir -p "$PGDATA" /var/run/postgresql
		find "$PGDATA" \! -user postgres -exec chown postgres:postgres '{}' +
		chmod 700 "$PGDATA"
		find /var/run/postgresql -maxdepth 0 \! -user postgres -exec chown postgres:postgres '{}' +
		chmod 3777 /var/run/postgresql
		exec setpriv --reuid=postgres --regid=postgres --init-groups "${BASH_SOURCE[0]}" "$@"
	fi

	file_env POSTGRES_PASSWORD
	file_env POSTGRES_USER postgres
	file_env POSTGRES_DB "$POSTGRES_USER"
	file_env POSTGRES_INITDB_ARGS

	if [ ! -s "$PGDATA/PG_VERSION" ]; then
		init_database "$@"
	fi
	exec "$@"
}

main "$@"
