#!/bin/bash
RELEASE_DIR="/srv/app/releases/$1"

# ruleid: bash-cd-unchecked-without-errexit
cd "$RELEASE_DIR"
git pull origin main

# ruleid: bash-cd-unchecked-without-errexit
cd build
rm -rf ./*

# ruleid: bash-cd-unchecked-without-errexit
cd ~/backups
tar czf "site-$(date +%F).tgz" /var/www

# ok: bash-cd-unchecked-without-errexit
cd /srv/app || exit 1

# ok: bash-cd-unchecked-without-errexit
cd "$RELEASE_DIR" && npm ci

if ! cd /tmp/work; then
  echo "cannot enter work dir" >&2
  exit 1
fi

# ok: bash-cd-unchecked-without-errexit
pushd /srv/app > /dev/null || exit 1

# ok: bash-cd-unchecked-without-errexit
rm -rf ./node_modules
