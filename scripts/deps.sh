#!/bin/sh
# Checks that evidex's build dependencies are present; installs what is
# missing with apt-get when run as root on Debian, or prints the command.
# Exit 0 when the build can go on.
pkgs_needed=""
command -v cc >/dev/null 2>&1 || pkgs_needed="$pkgs_needed gcc libc6-dev"
command -v make >/dev/null 2>&1 || pkgs_needed="$pkgs_needed make"
command -v pkg-config >/dev/null 2>&1 || pkgs_needed="$pkgs_needed pkg-config"
command -v python3 >/dev/null 2>&1 || pkgs_needed="$pkgs_needed python3"
if command -v pkg-config >/dev/null 2>&1; then
	pkg-config --exists libcurl || pkgs_needed="$pkgs_needed libcurl4-openssl-dev"
	pkg-config --exists libxml-2.0 || pkgs_needed="$pkgs_needed libxml2-dev"
	pkg-config --exists sqlite3 || pkgs_needed="$pkgs_needed libsqlite3-dev"
else
	pkgs_needed="$pkgs_needed libcurl4-openssl-dev libxml2-dev libsqlite3-dev"
fi
# extras wanted by 'make check' only (man page lint); never fatal
if [ "${EVIDEX_CHECK_DEPS:-}" = 1 ]; then
	command -v mandoc >/dev/null 2>&1 || extras="mandoc"
fi

want="$pkgs_needed ${extras:-}"
if [ -n "$(echo $want)" ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "evidex: installing build dependencies:$want" >&2
		export DEBIAN_FRONTEND=noninteractive
		{ apt-get update -qq && apt-get install -y -qq --no-install-recommends $want; } >&2 || {
			echo "evidex: apt-get install failed" >&2; exit 1; }
	elif [ -n "$(echo $pkgs_needed)" ]; then
		echo "evidex: missing build dependencies; install them with:" >&2
		echo "    sudo apt-get install$pkgs_needed" >&2
		exit 1
	fi
fi

# SQLite must have FTS5 (Debian's does); checked once per library.
stamp=.fts5-ok
lib=$(pkg-config --libs sqlite3)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lib" ]; then
	tmp=$(mktemp -d)
	cat >"$tmp/t.c" <<'C'
#include <sqlite3.h>
int main(void) {
	sqlite3 *db;
	if (sqlite3_open(":memory:", &db)) return 1;
	return sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(x)", 0, 0, 0) != SQLITE_OK;
}
C
	if ${CC:-cc} $(pkg-config --cflags sqlite3) "$tmp/t.c" -o "$tmp/t" $lib >/dev/null 2>&1 && "$tmp/t"; then
		echo "$lib" >"$stamp"
	else
		rm -rf "$tmp"
		echo "evidex: this SQLite has no FTS5; evidex needs SQLite built with SQLITE_ENABLE_FTS5 (Debian's libsqlite3-dev has it)" >&2
		exit 1
	fi
	rm -rf "$tmp"
fi
exit 0
