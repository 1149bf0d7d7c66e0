#!/bin/bash
set -euo pipefail

# ruleid: bash-predictable-temp-file
pg_dump mydb > /tmp/backup.sql

# ruleid: bash-predictable-temp-file
./run-tests.sh &> "/tmp/test-output.log"

# ruleid: bash-predictable-temp-file
echo "$HOSTNAME" | tee -a /tmp/hosts.txt

# ruleid: bash-predictable-temp-file
TMPFILE=/tmp/deploy.lock

# ruleid: bash-predictable-temp-file
OUT="/tmp/report_$$.csv"

# ruleid: bash-predictable-temp-file
curl -s https://example.com/data.json >> /var/tmp/data.json

# ok: bash-predictable-temp-file
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
# ok: bash-predictable-temp-file
pg_dump mydb > "$tmp"

# ok: bash-predictable-temp-file
workdir="$(mktemp -d /tmp/build.XXXXXX)"

# ok: bash-predictable-temp-file
./run-tests.sh > "$workdir/test-output.log" 2>/dev/null

# ok: bash-predictable-temp-file
sort < /tmp/input.txt > sorted.txt

# ok: bash-predictable-temp-file
LOG_DIR=/var/log/myapp
