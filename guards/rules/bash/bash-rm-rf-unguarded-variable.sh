#!/bin/bash
BUILD_DIR="$1"
CACHE_DIR=$(mktemp -d)
STEAMROOT="$(cd "${0%/*}" && echo "$PWD")"

# ruleid: bash-rm-rf-unguarded-variable
rm -rf "$BUILD_DIR"/*

# ruleid: bash-rm-rf-unguarded-variable
rm -rf "$STEAMROOT/"*

# ruleid: bash-rm-rf-unguarded-variable
rm -rf $CACHE_DIR/

# ruleid: bash-rm-rf-unguarded-variable
sudo rm -rf $INSTALL_PREFIX/lib/myapp

# ruleid: bash-rm-rf-unguarded-variable
rm -r -f "${OUTPUT}/"

# ok: bash-rm-rf-unguarded-variable
rm -rf -- "${BUILD_DIR:?}"/*

# ok: bash-rm-rf-unguarded-variable
rm -rf "$CACHE_DIR"

# ok: bash-rm-rf-unguarded-variable
rm -rf "$HOME/.cache/myapp"

DIST=./dist
# ok: bash-rm-rf-unguarded-variable
rm -rf "$DIST"/*

# ok: bash-rm-rf-unguarded-variable
rm -f "$LOG_DIR"/*.log

# ok: bash-rm-rf-unguarded-variable
rm -rf ./node_modules
