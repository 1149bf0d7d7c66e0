#!/bin/bash
set -euo pipefail

# ruleid: bash-recursive-delete-of-root-or-home
rm -rf /

# ruleid: bash-recursive-delete-of-root-or-home
rm -rf /*

# ruleid: bash-recursive-delete-of-root-or-home
rm -rf ~

# ruleid: bash-recursive-delete-of-root-or-home
rm -r "$HOME"

# ruleid: bash-recursive-delete-of-root-or-home
sudo rm -Rf /usr

# ruleid: bash-recursive-delete-of-root-or-home
rm --recursive ${HOME}/*

# ok: bash-recursive-delete-of-root-or-home
rm -rf ./build

# ok: bash-recursive-delete-of-root-or-home
rm -rf "$HOME/.cache/myapp"

# ok: bash-recursive-delete-of-root-or-home
rm -f /tmp/app.pid

# ok: bash-recursive-delete-of-root-or-home
rm -rf /var/lib/myapp/tmp
