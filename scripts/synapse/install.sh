#!/usr/bin/env bash
# Installs a current Synapse from Debian's packages into a minimal Debian unstable ("sid") root,
# kept outside the repository, for the end-to-end and integration tests (`npm run synapse`).
#
#   npm run synapse:install        # idempotent: does nothing when the root is complete
#
# The root lives in $SYNAPSE_ROOT, by default ${XDG_CACHE_HOME:-~/.cache}/encrypted-room-metadata/synapse-root.
# Debian stable carries no matrix-synapse; unstable does. The mirror is the machine's own (the
# first `URIs:` line of its apt sources), so nothing here names a host. Needs root: debootstrap,
# chroot and mount do.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=scripts/synapse/paths.sh
. "$here/paths.sh"

log() { echo "synapse:install: $*"; }

if [ "$(id -u)" -ne 0 ]; then
    log "needs root (debootstrap, chroot and mount do); run it as root, e.g. sudo npm run synapse:install" >&2
    exit 1
fi

if synapse_root_complete; then
    log "Synapse $(cat "$SYNAPSE_ROOT_MARKER") is installed in $SYNAPSE_ROOT"
    exit 0
fi

mkdir -p "$(dirname "$SYNAPSE_ROOT")"
# One install at a time: a second caller waits for the first and then finds the root complete.
exec 9>"$SYNAPSE_ROOT.lock"
flock 9
if synapse_root_complete; then
    log "Synapse $(cat "$SYNAPSE_ROOT_MARKER") is installed in $SYNAPSE_ROOT"
    exit 0
fi

unmount_root() {
    # Anything a crashed earlier run left mounted under the root, deepest first.
    local mounts
    mounts="$(awk -v root="$SYNAPSE_ROOT/" 'index($2, root) == 1 { print $2 }' /proc/mounts | sort -r)"
    for mount in $mounts; do umount -l "$mount" || true; done
}

if [ -e "$SYNAPSE_ROOT" ]; then
    log "removing the incomplete root $SYNAPSE_ROOT"
    unmount_root
    rm -rf --one-file-system "$SYNAPSE_ROOT"
fi

if ! command -v debootstrap >/dev/null 2>&1; then
    log "installing debootstrap with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi

mirror="$(sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\).*/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)"
if [ -z "$mirror" ]; then
    log "found no 'URIs:' line in /etc/apt/sources.list.d/debian.sources to take the Debian mirror from" >&2
    exit 1
fi

start=$SECONDS
log "building a minimal Debian sid root in $SYNAPSE_ROOT (debootstrap, about a minute)"
debootstrap --variant=minbase sid "$SYNAPSE_ROOT" "$mirror" >"$SYNAPSE_ROOT.debootstrap.log" 2>&1 || {
    tail -n 30 "$SYNAPSE_ROOT.debootstrap.log" >&2
    log "debootstrap failed; full log in $SYNAPSE_ROOT.debootstrap.log" >&2
    exit 1
}
log "root built in $((SECONDS - start)) s"

start=$SECONDS
cp /etc/resolv.conf "$SYNAPSE_ROOT/etc/resolv.conf"
mount -t proc proc "$SYNAPSE_ROOT/proc"
trap 'umount "$SYNAPSE_ROOT/proc" 2>/dev/null || true' EXIT
in_root() { chroot "$SYNAPSE_ROOT" env DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 "$@"; }

log "installing matrix-synapse in the root (apt-get, about two minutes)"
# The unstable Release file can look expired to apt on a machine with a pinned snapshot clock.
apt_options=(-o Acquire::Check-Valid-Until=false -o APT::Install-Recommends=false -q)
in_root apt-get "${apt_options[@]}" update >/dev/null
in_root debconf-set-selections <<'SELECTIONS'
matrix-synapse matrix-synapse/server-name string localhost
matrix-synapse matrix-synapse/report-stats boolean false
SELECTIONS
in_root apt-get "${apt_options[@]}" install -y --no-install-recommends matrix-synapse >"$SYNAPSE_ROOT.apt.log" 2>&1 || {
    tail -n 30 "$SYNAPSE_ROOT.apt.log" >&2
    log "installing matrix-synapse failed; full log in $SYNAPSE_ROOT.apt.log" >&2
    exit 1
}
in_root apt-get clean
version="$(in_root dpkg-query -W -f '${Version}' matrix-synapse)"
umount "$SYNAPSE_ROOT/proc"
trap - EXIT
log "matrix-synapse $version installed in $((SECONDS - start)) s"

echo "$version" >"$SYNAPSE_ROOT_MARKER"
log "Synapse $version is installed in $SYNAPSE_ROOT"
