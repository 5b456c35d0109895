#!/bin/bash
# Entrypoint of devstack-it/mariadb: the official mariadb image's contract, on Debian's packages.
#  - args starting with '-' go to mariadbd (e.g. --character-set-server=utf8mb4);
#  - on an empty data dir: system tables (from the image's template, see install_db), then a
#    socket-only temporary server applies
#    MARIADB_ROOT_PASSWORD / MARIADB_ALLOW_EMPTY_ROOT_PASSWORD / MARIADB_RANDOM_ROOT_PASSWORD,
#    MARIADB_ROOT_HOST (default '%'), MARIADB_DATABASE, MARIADB_USER + MARIADB_PASSWORD
#    (each also as MYSQL_* and as *_FILE) and runs /docker-entrypoint-initdb.d/*.{sh,sql,sql.gz,sql.xz};
#  - then mariadbd runs as PID 1 (user mysql), so SIGTERM shuts it down cleanly.
set -eo pipefail
shopt -s nullglob

log() { printf '%s [%s] [Entrypoint]: %s\n' "$(date --rfc-3339=seconds)" "$1" "${*:2}"; }
note() { log Note "$@"; }
warn() { log Warn "$@" >&2; }
error() { log ERROR "$@" >&2; exit 1; }

# file_env VAR: fill VAR from the file named by VAR_FILE (Docker secrets).
file_env() {
	local var="$1" fileVar="${1}_FILE"
	if [ -n "${!fileVar:-}" ]; then
		[ -z "${!var:-}" ] || error "Both $var and $fileVar are set (but are exclusive)"
		export "$var"="$(<"${!fileVar}")"
	fi
	unset "$fileVar"
}

# env_alias NEW OLD [DEFAULT]: MARIADB_x wins over MYSQL_x; both end up with the same value.
env_alias() {
	local new="$1" old="$2" def="${3:-}"
	file_env "$old"
	file_env "$new"
	local val="${!new:-${!old:-$def}}"
	export "$new"="$val" "$old"="$val"
}

# Escapes a string for a single-quoted SQL literal: backslash, quote, newline.
sql_string() {
	local s="${1//\\/\\\\}"
	s="${s//$'\n'/\\n}"
	printf '%s' "${s//\'/\\\'}"
}

# Escapes a name for a backquoted SQL identifier.
sql_ident() { printf '%s' "${1//\`/\`\`}"; }

# Random password without pwgen (not in the image): 24 random bytes in base64, no padding.
random_password() { head -c 24 /dev/urandom | base64; }

want_help() {
	local arg
	for arg; do
		case "$arg" in -'?'|--help|--print-defaults|-V|--version) return 0 ;; esac
	done
	return 1
}

# mariadb client on the init server's socket, as root; MYSQL_PWD carries the root password once set.
init_sql() {
	MYSQL_PWD="${ROOT_PW_FOR_CLIENT}" mariadb --protocol=socket --socket="$SOCKET" -uroot -hlocalhost "$@"
}

temp_server_start() {
	# --skip-networking: nothing can connect (and the TCP healthcheck stays red) until init is done.
	"$@" --skip-networking --socket="$SOCKET" --default-time-zone=SYSTEM --skip-log-bin --expire-logs-days=0 \
		--loose-innodb_buffer_pool_load_at_startup=0 --loose-innodb_buffer_pool_dump_at_shutdown=0 &
	TEMP_PID=$!
	note "Waiting for temporary server (pid $TEMP_PID)"
	for _ in {1..600}; do
		if init_sql --database=mysql -e 'SELECT 1' >/dev/null 2>&1; then
			return
		fi
		kill -0 "$TEMP_PID" 2>/dev/null || error "Temporary server exited during startup (see the log above)"
		sleep 0.1
	done
	error "Temporary server did not answer within 60 s"
}

temp_server_stop() {
	kill "$TEMP_PID"
	wait "$TEMP_PID"
}

process_init_files() {
	local f
	for f; do
		case "$f" in
			*.sh)
				# Executable scripts run, others are sourced (as in the official image).
				# shellcheck source=/dev/null
				if [ -x "$f" ]; then note "running $f"; "$f"; else note "sourcing $f"; . "$f"; fi ;;
			*.sql)    note "running $f"; init_sql "${DB_ARGS[@]}" <"$f" ;;
			*.sql.gz) note "running $f"; gunzip -c "$f" | init_sql "${DB_ARGS[@]}" ;;
			*.sql.xz) note "running $f"; xzcat "$f" | init_sql "${DB_ARGS[@]}" ;;
			*)        warn "ignoring $f" ;;
		esac
	done
}

# install_db DIR [mariadbd options]: the system tables, as the official image creates them
# (--cross-bootstrap: no root@<hostname> account). Options given as command args apply (e.g.
# --lower-case-table-names). Also run at build time to make $TEMPLATE.
install_db() {
	mariadb-install-db --datadir="$1" --cross-bootstrap --rpm --auth-root-authentication-method=normal \
		--skip-test-db --default-time-zone=SYSTEM --enforce-storage-engine= --skip-log-bin --expire-logs-days=0 \
		--loose-innodb_buffer_pool_load_at_startup=0 --loose-innodb_buffer_pool_dump_at_shutdown=0 \
		"${@:2}" >/dev/null
}

# mariadb-install-db costs 1.5-3.5 s per fresh volume; unpacking its build-time output (a sparse tar
# of 0.8 MB) costs 0.1 s. The template only fits when nothing that is fixed at install time differs:
# such options in the command args or the config files send us back to mariadb-install-db.
template_usable() {
	[ -r "$TEMPLATE" ] || return 1
	! { my_print_defaults --mysqld; printf '%s\n' "${@:2}"; } 2>/dev/null | grep -qiE \
		'lower.case.table.names|innodb.(page.size|data.file.path|data.home.dir|undo|log.group.home.dir)|aria.block.size|datadir'
}

init_database() {
	env_alias MARIADB_ROOT_PASSWORD MYSQL_ROOT_PASSWORD
	env_alias MARIADB_ALLOW_EMPTY_ROOT_PASSWORD MYSQL_ALLOW_EMPTY_PASSWORD
	env_alias MARIADB_RANDOM_ROOT_PASSWORD MYSQL_RANDOM_ROOT_PASSWORD
	env_alias MARIADB_ROOT_HOST MYSQL_ROOT_HOST '%'
	env_alias MARIADB_DATABASE MYSQL_DATABASE
	env_alias MARIADB_USER MYSQL_USER
	env_alias MARIADB_PASSWORD MYSQL_PASSWORD

	if [ -z "$MARIADB_ROOT_PASSWORD" ] && [ -z "$MARIADB_ALLOW_EMPTY_ROOT_PASSWORD" ] && [ -z "$MARIADB_RANDOM_ROOT_PASSWORD" ]; then
		error $'Database is uninitialized and password option is not specified\n\tYou need to specify one of MARIADB_ROOT_PASSWORD, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD and MARIADB_RANDOM_ROOT_PASSWORD'
	fi
	if [ "$MARIADB_USER" = root ]; then
		error 'MARIADB_USER="root": MARIADB_USER and MARIADB_PASSWORD are for a regular user and cannot be used for root'
	fi
	if [ -n "$MARIADB_USER" ] && [ -z "$MARIADB_PASSWORD" ]; then
		warn "MARIADB_USER is set but MARIADB_PASSWORD is not: user $MARIADB_USER is not created"
	fi

	ls /docker-entrypoint-initdb.d/ >/dev/null   # unreadable init dir: fail before creating anything

	if template_usable "$@"; then
		note "Initializing database files in $DATADIR from $TEMPLATE"
		# --no-overwrite-dir: keep the mount point's own owner and mode.
		tar -C "$DATADIR" --no-overwrite-dir -xzf "$TEMPLATE"
	else
		note "Initializing database files in $DATADIR with mariadb-install-db"
		install_db "$DATADIR" "${@:2}"
	fi

	ROOT_PW_FOR_CLIENT=''   # root@localhost has no password right after mariadb-install-db
	temp_server_start "$@"

	if [ -n "$MARIADB_RANDOM_ROOT_PASSWORD" ] && [ -z "$MARIADB_ROOT_PASSWORD" ]; then
		MARIADB_ROOT_PASSWORD="$(random_password)"
		export MARIADB_ROOT_PASSWORD MYSQL_ROOT_PASSWORD="$MARIADB_ROOT_PASSWORD"
		note "GENERATED ROOT PASSWORD: $MARIADB_ROOT_PASSWORD"
	fi
	local rootPw; rootPw="$(sql_string "$MARIADB_ROOT_PASSWORD")"
	local rootHost; rootHost="$(sql_string "$MARIADB_ROOT_HOST")"

	local rootCreate=''
	if [ -n "$MARIADB_ROOT_HOST" ] && [ "$MARIADB_ROOT_HOST" != localhost ]; then
		rootCreate="CREATE USER 'root'@'$rootHost' IDENTIFIED BY '$rootPw';
			GRANT ALL ON *.* TO 'root'@'$rootHost' WITH GRANT OPTION;
			GRANT PROXY ON ''@'%' TO 'root'@'$rootHost' WITH GRANT OPTION;"
	fi

	# The healthcheck logs in with its own USAGE-only account (see docker.cnf): "ping" would succeed
	# on "access denied" too, but every denied attempt (one per second) is logged as a warning.
	local hcPw; hcPw="$(random_password)"
	local hcCreate='' host
	for host in 127.0.0.1 ::1 localhost; do
		hcCreate+="CREATE USER IF NOT EXISTS healthcheck@'$host' IDENTIFIED BY '$hcPw';
			GRANT USAGE ON *.* TO healthcheck@'$host';"
	done

	local dbCreate='' userCreate='' userGrant=''
	if [ -n "$MARIADB_DATABASE" ]; then
		note "Creating database $MARIADB_DATABASE"
		dbCreate="CREATE DATABASE IF NOT EXISTS \`$(sql_ident "$MARIADB_DATABASE")\`;"
	fi
	if [ -n "$MARIADB_USER" ] && [ -n "$MARIADB_PASSWORD" ]; then
		note "Creating user $MARIADB_USER"
		local user; user="$(sql_string "$MARIADB_USER")"
		userCreate="CREATE USER '$user'@'%' IDENTIFIED BY '$(sql_string "$MARIADB_PASSWORD")';"
		if [ -n "$MARIADB_DATABASE" ]; then
			note "Giving user $MARIADB_USER access to schema $MARIADB_DATABASE"
			# '_' is a wildcard in database-level grants; escape it so the grant covers this database only.
			userGrant="GRANT ALL ON \`$(sql_ident "${MARIADB_DATABASE//_/\\_}")\`.* TO '$user'@'%';"
		fi
	fi

	note "Securing system users and creating database/user"
	init_sql --database=mysql --binary-mode <<-EOSQL
		SET @@SESSION.SQL_LOG_BIN=0;
		SET @@SESSION.SQL_MODE=REPLACE(@@SESSION.SQL_MODE, 'NO_BACKSLASH_ESCAPES', '');
		DROP USER IF EXISTS root@'127.0.0.1', root@'::1';
		EXECUTE IMMEDIATE CONCAT('DROP USER IF EXISTS root@\'', @@hostname, '\'');
		SET PASSWORD FOR 'root'@'localhost' = PASSWORD('$rootPw');
		$rootCreate
		$hcCreate
		$dbCreate
		$userCreate
		$userGrant
	EOSQL
	(umask 077 && printf '[mariadb-admin]\nuser=healthcheck\npassword=%s\n' "$hcPw" >"$DATADIR/.my-healthcheck.cnf")

	ROOT_PW_FOR_CLIENT="$MARIADB_ROOT_PASSWORD"
	DB_ARGS=()
	[ -z "$MARIADB_DATABASE" ] || DB_ARGS=(--database="$MARIADB_DATABASE")
	# Alias kept for init scripts written for the official image, which call "${mysql[@]}".
	# shellcheck disable=SC2034
	mysql=(init_sql "${DB_ARGS[@]}")
	docker_process_sql() { init_sql "${DB_ARGS[@]}" "$@"; }
	process_init_files /docker-entrypoint-initdb.d/*

	note "Stopping temporary server"
	temp_server_stop
	note "MariaDB init process done. Ready for start up."
}

TEMPLATE=/usr/share/devstack/mariadb-datadir.tar.gz

main() {
	if [ "${1:0:1}" = '-' ]; then
		set -- mariadbd "$@"
	fi
	if { [ "$1" != mariadbd ] && [ "$1" != mysqld ]; } || want_help "$@"; then
		exec "$@"
	fi

	DATADIR=/var/lib/mysql
	SOCKET=/run/mysqld/mysqld.sock
	local arg
	for arg in "$@"; do
		case "$arg" in
			--datadir=*) DATADIR="${arg#*=}" ;;
			--socket=*) SOCKET="${arg#*=}" ;;
		esac
	done

	if [ "$(id -u)" = 0 ]; then
		# Bind mounts and tmpfs come root-owned; mariadbd exits at once without its socket dir.
		mkdir -p "$DATADIR" "${SOCKET%/*}" /run/mysqld
		find "$DATADIR" \! -user mysql -exec chown mysql:mysql '{}' +
		find "${SOCKET%/*}" /run/mysqld -maxdepth 0 \! -user mysql -exec chown mysql:mysql '{}' +
		exec setpriv --reuid=mysql --regid=mysql --init-groups "${BASH_SOURCE[0]}" "$@"
	fi

	if [ ! -d "$DATADIR/mysql" ]; then
		init_database "$@"
	fi
	# Healthcheck credentials where docker.cnf includes them (the data dir may be a reused volume).
	rm -f /run/mysqld/healthcheck.cnf
	if [ -r "$DATADIR/.my-healthcheck.cnf" ]; then
		(umask 077 && cp "$DATADIR/.my-healthcheck.cnf" /run/mysqld/healthcheck.cnf)
	fi
	exec "$@"
}

# Sourced (by the image build, for install_db): define the functions only.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	main "$@"
fi
