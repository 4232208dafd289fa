#!/usr/bin/env bash
# The database servers the tests use, from Debian's packages, on loopback only.
#
#   bash scripts/test-services.sh install   # apt-get install postgresql mariadb-server (root)
#   bash scripts/test-services.sh start     # start both and set up what the tests expect
#   bash scripts/test-services.sh status
#   bash scripts/test-services.sh ensure    # start them unless they answer (npm test runs this first)
#   bash scripts/test-services.sh stop
#
# What the tests expect (test/support/test-services.ts reads the same URLs):
#   PostgreSQL  postgres://postgres@127.0.0.1:5432/test   (TEST_DATABASE_URL)
#   MariaDB     mysql://insightx:insightx@127.0.0.1:3306/test   (TEST_MYSQL_URL)
# Debian's PostgreSQL asks for a password on 127.0.0.1; this trusts the postgres role on
# loopback for the test cluster only. Both servers listen on 127.0.0.1 and nowhere else.
set -euo pipefail

PG_PORT=${PG_PORT:-5432}
MYSQL_PORT=${MYSQL_PORT:-3306}
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

log() { printf 'test-services: %s\n' "$*" >&2; }

pg_version() {
  ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -n 1
}

install_packages() {
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y -q --no-install-recommends postgresql postgresql-contrib mariadb-server mariadb-client >/dev/null
}

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
  local seconds=$1 what=$2; shift 2
  for _ in $(seq 1 "$((seconds * 4))"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.25
  done
  log "$what did not become ready within ${seconds}s"
  return 1
}

start_postgres() {
  local version; version=$(pg_version)
  [ -n "$version" ] || { log "PostgreSQL is not installed: run '$0 install' first"; return 1; }
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1, $2}' | grep -qx "$version main"; then
    $SUDO pg_createcluster "$version" main --port "$PG_PORT" >/dev/null
  fi
  local conf=/etc/postgresql/$version/main
  # Loopback only, and the postgres role trusted there (the test cluster has no secrets).
  $SUDO sed -i "s/^#\?listen_addresses.*/listen_addresses = '127.0.0.1'/" "$conf/postgresql.conf"
  $SUDO sed -i "s/^#\?port = .*/port = $PG_PORT/" "$conf/postgresql.conf"
  if ! $SUDO grep -q '^# insightx-test' "$conf/pg_hba.conf"; then
    $SUDO sed -i '1i # insightx-test: the tests connect as postgres without a password on loopback\nhost all postgres 127.0.0.1/32 trust\nhost all postgres ::1/128 trust' "$conf/pg_hba.conf"
  fi
  if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
    $SUDO pg_ctlcluster "$version" main start
  else
    $SUDO pg_ctlcluster "$version" main reload
  fi
  wait_for 30 "PostgreSQL on 127.0.0.1:$PG_PORT" psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -Atc 'SELECT 1'
  if [ "$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = 'test'")" != 1 ]; then
    psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc 'CREATE DATABASE test' >/dev/null
  fi
  log "PostgreSQL $version ready: postgres://postgres@127.0.0.1:$PG_PORT/test"
}

mysql_root() { $SUDO mariadb --protocol=socket -uroot "$@"; }

start_mariadb() {
  command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || { log "MariaDB is not installed: run '$0 install' first"; return 1; }
  $SUDO mkdir -p /etc/mysql/mariadb.conf.d /run/mysqld
  $SUDO chown mysql:mysql /run/mysqld 2>/dev/null || true
  printf '[mysqld]\nbind-address = 127.0.0.1\nport = %s\n' "$MYSQL_PORT" | $SUDO tee /etc/mysql/mariadb.conf.d/99-insightx-test.cnf >/dev/null
  if ! mysql_root -e 'SELECT 1' >/dev/null 2>&1; then
    [ -d /var/lib/mysql/mysql ] || $SUDO mariadb-install-db --user=mysql --datadir=/var/lib/mysql >/dev/null
    # mysqld_safe keeps the server up and detaches; its output goes to the error log.
    $SUDO sh -c 'nohup /usr/bin/mysqld_safe >/dev/null 2>&1 &'
  fi
  wait_for 60 "MariaDB on 127.0.0.1:$MYSQL_PORT" mysql_root -e 'SELECT 1'
  mysql_root <<'SQL'
CREATE DATABASE IF NOT EXISTS test;
CREATE USER IF NOT EXISTS 'insightx'@'127.0.0.1' IDENTIFIED BY 'insightx';
CREATE USER IF NOT EXISTS 'insightx'@'localhost' IDENTIFIED BY 'insightx';
GRANT ALL PRIVILEGES ON *.* TO 'insightx'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO 'insightx'@'localhost' WITH GRANT OPTION;
FLUSH PRIVILEGES;
SQL
  wait_for 10 "MariaDB login as insightx" mariadb -h 127.0.0.1 -P "$MYSQL_PORT" -uinsightx -pinsightx -e 'SELECT 1' test
  log "MariaDB ready: mysql://insightx:insightx@127.0.0.1:$MYSQL_PORT/test"
}

stop_all() {
  local version; version=$(pg_version)
  [ -n "$version" ] && $SUDO pg_ctlcluster "$version" main stop 2>/dev/null || true
  if mysql_root -e 'SELECT 1' >/dev/null 2>&1; then $SUDO mariadb-admin --protocol=socket -uroot shutdown || true; fi
}

status() {
  local ok=0
  if psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d test -Atc 'SELECT 1' >/dev/null 2>&1; then echo "postgresql: up"; else echo "postgresql: down"; ok=1; fi
  if mariadb -h 127.0.0.1 -P "$MYSQL_PORT" -uinsightx -pinsightx -e 'SELECT 1' test >/dev/null 2>&1; then echo "mariadb: up"; else echo "mariadb: down"; ok=1; fi
  return $ok
}

case "${1:-}" in
  install) install_packages ;;
  start) start_postgres; start_mariadb ;;
  stop) stop_all ;;
  status) status ;;
  ensure) # what `npm test` runs first: start the servers unless they already answer
    if ! status >/dev/null 2>&1; then
      if ! { [ -n "$(pg_version)" ] && command -v mariadbd >/dev/null 2>&1; }; then install_packages; fi
      start_postgres; start_mariadb
    fi ;;
  *) echo "usage: $0 install|start|stop|status|ensure" >&2; exit 2 ;;
esac
