#!/usr/bin/env bash
# `npm test`: every check of the project, with the set-up a fresh machine needs.
#
# Run as root, it installs what the end-to-end tests need and is missing (Debian's chromium,
# the Synapse root of `npm run synapse:install`), saying so. Run as another user, it says
# loudly what is missing and runs what it can: without chromium no end-to-end test runs,
# without Synapse the `synapse` project's tests skip with the reason.
#
# Then: lint, typecheck, jest (unit, homeserver and integration tests), Playwright (both
# projects, `devserver` and `synapse`). Arguments go to Playwright (e.g. `npm test -- --project devserver`).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "test: $*"; }
shout() {
    echo "test: ================================================================" >&2
    echo "test: $*" >&2
    echo "test: ================================================================" >&2
}

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
is_root=false
[ "$(id -u)" -eq 0 ] && is_root=true
run_e2e=true

if [ ! -x "$chromium" ]; then
    if $is_root && [ -z "${CHROMIUM_PATH:-}" ]; then
        say "installing Debian's chromium with apt-get (the end-to-end tests drive it)"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends chromium >/dev/null
    else
        shout "MISSING: $chromium; the end-to-end tests will NOT run. Install it as root (apt-get install chromium) or run npm test as root."
        run_e2e=false
    fi
fi

synapse_root="$(. scripts/synapse/paths.sh && echo "$SYNAPSE_ROOT")"
if ! (. scripts/synapse/paths.sh && synapse_root_complete); then
    if $is_root; then
        say "installing Synapse into $synapse_root (npm run synapse:install; a few minutes, once)"
        if ! bash scripts/synapse/install.sh; then
            shout "Installing Synapse failed: the end-to-end tests' synapse project will skip."
        fi
    else
        shout "MISSING: Synapse ($synapse_root). Not root, so it cannot be installed: the synapse project's end-to-end tests and the Synapse integration tests will SKIP. Run npm run synapse:install as root."
    fi
elif ! $is_root; then
    shout "Synapse is installed but running it needs root: the synapse project's tests will SKIP."
fi

timed() {
    local name="$1"
    shift
    local start=$SECONDS
    say "$name"
    "$@"
    say "$name took $((SECONDS - start)) s"
}

timed "lint" npm run --silent lint
timed "typecheck" npm run --silent typecheck
timed "jest" npx jest
if $run_e2e; then
    timed "playwright" npx playwright test "$@"
else
    shout "SKIPPED: the end-to-end tests (no $chromium)."
fi
