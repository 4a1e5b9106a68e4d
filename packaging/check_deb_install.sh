#!/bin/sh
# Installs a furikaeri .deb with dpkg -i on this machine (CI's throw-away machine: it changes the
# system), checks what an administrator relies on, then removes the package again.
#   packaging/check_deb_install.sh .build/deb/furikaeri_<version>_amd64.deb
set -eu
[ "$(id -u)" = 0 ] || exec sudo "$0" "$@"
deb=$1
fail() { echo "check_deb_install: $*" >&2; exit 1; }

dpkg -i "$deb"
trap 'dpkg -r furikaeri >/dev/null 2>&1 || true' EXIT

version=$(dpkg-deb --field "$deb" Version)
[ "$(/usr/bin/furikaeri --version)" = "${version%%+git*}" ] || fail "furikaeri --version is not ${version%%+git*}"
getent passwd furikaeri >/dev/null || fail "postinst did not make the user furikaeri"
command -v man >/dev/null || fail "man is not installed (apt-get install man-db)"
LANG=C.UTF-8 MANWIDTH=200 man furikaeri 2>/dev/null | grep -q "furikaeri doctor" || fail "man furikaeri does not show the manual"
LANG=C.UTF-8 MANWIDTH=200 man -L ja furikaeri 2>/dev/null | grep -q "受付フォルダ" || fail "man -L ja furikaeri does not show the Japanese manual"
if command -v systemd-analyze >/dev/null; then
    systemd-analyze verify "/lib/systemd/system/furikaeri-watch@$(systemd-escape --path /srv/ふりかえり).service" \
        || fail "systemd-analyze verify found problems in the unit"
fi
workspace=$(mktemp -d)
chown furikaeri: "$workspace"
runuser -u furikaeri -- /usr/bin/furikaeri init "$workspace/ws" >/dev/null
status=0
runuser -u furikaeri -- /usr/bin/furikaeri doctor --workspace "$workspace/ws" || status=$?
rm -rf "$workspace"
[ "$status" = 0 ] || fail "doctor found something to fix in a fresh workspace"

dpkg -r furikaeri
trap - EXIT
[ ! -e /usr/bin/furikaeri ] || fail "dpkg -r left /usr/bin/furikaeri"
echo "check_deb_install: $deb installs, works and removes cleanly"
