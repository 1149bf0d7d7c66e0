#!/bin/bash
set -euo pipefail

# ruleid: bash-chmod-world-writable
chmod -R 777 /var/www/html

# ruleid: bash-chmod-world-writable
chmod 0666 /etc/myapp/config.ini

# ruleid: bash-chmod-world-writable
sudo chmod a+w /opt/app/uploads

# ruleid: bash-chmod-world-writable
chmod ugo+rwx "$DEPLOY_DIR/run.sh"

# ruleid: bash-chmod-world-writable
umask 000

# ok: bash-chmod-world-writable
chmod 755 /usr/local/bin/deploy

# ok: bash-chmod-world-writable
chmod 600 ~/.ssh/id_ed25519

# ok: bash-chmod-world-writable
chmod +x ./scripts/build.sh

# ok: bash-chmod-world-writable
chmod 1777 /srv/shared/tmp

# ok: bash-chmod-world-writable
chmod -R g+w /var/www/html/storage

# ok: bash-chmod-world-writable
umask 022
