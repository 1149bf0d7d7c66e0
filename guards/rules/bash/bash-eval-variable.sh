#!/bin/bash
filter="$1"
# ruleid: bash-eval-variable
eval "grep $filter /var/log/app.log"

# ruleid: bash-eval-variable
eval $BUILD_CMD

while IFS='=' read -r key value; do
  # ruleid: bash-eval-variable
  eval "export $key=\"$value\""
done < .env

# ruleid: bash-eval-variable
eval "echo \${$name}"

# ruleid: bash-eval-variable
eval "$@"

# ok: bash-eval-variable
eval "$(ssh-agent -s)"

# ok: bash-eval-variable
eval "$(/opt/homebrew/bin/brew shellenv)"

GREETING="echo hello"
# ok: bash-eval-variable
eval "$GREETING"

# ok: bash-eval-variable
grep -- "$filter" /var/log/app.log

# ok: bash-eval-variable
printf -v "$name" '%s' "$value"
