#!/bin/bash
set -euo pipefail

# ruleid: bash-ssh-host-key-checking-disabled
scp -o StrictHostKeyChecking=no build.tar.gz deploy@prod.example.com:/srv/app/

# ruleid: bash-ssh-host-key-checking-disabled
ssh -o "StrictHostKeyChecking no" -o UserKnownHostsFile=/dev/null root@"$HOST" 'systemctl restart app'

# ruleid: bash-ssh-host-key-checking-disabled
export GIT_SSH_COMMAND="ssh -i ~/.ssh/deploy_key -o StrictHostKeyChecking=no"

# ruleid: bash-ssh-host-key-checking-disabled
rsync -az -e "ssh -o StrictHostKeyChecking=no" dist/ deploy@web1:/var/www/

# ruleid: bash-ssh-host-key-checking-disabled
cat >> ~/.ssh/config <<EOF
Host *
  StrictHostKeyChecking no
EOF

# ok: bash-ssh-host-key-checking-disabled
ssh-keyscan -H prod.example.com >> ~/.ssh/known_hosts

# ok: bash-ssh-host-key-checking-disabled
scp -o StrictHostKeyChecking=yes build.tar.gz deploy@prod.example.com:/srv/app/

# ok: bash-ssh-host-key-checking-disabled
ssh -o StrictHostKeyChecking=accept-new deploy@web1 uptime

# ok: bash-ssh-host-key-checking-disabled
export GIT_SSH_COMMAND="ssh -i ~/.ssh/deploy_key -o IdentitiesOnly=yes"
