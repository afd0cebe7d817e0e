# Where the Synapse root lives; sourced by the scripts beside this file.
# SYNAPSE_ROOT overrides the default, a cache directory outside the repository.
SYNAPSE_ROOT="${SYNAPSE_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/encrypted-room-metadata/synapse-root}"
# Written last by install.sh: a root without it is half built and gets rebuilt.
SYNAPSE_ROOT_MARKER="$SYNAPSE_ROOT/.encrypted-room-metadata-synapse-installed"

synapse_root_complete() {
    [ -s "$SYNAPSE_ROOT_MARKER" ]
}
