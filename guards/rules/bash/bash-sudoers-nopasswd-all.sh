#!/bin/bash
set -euo pipefail

# ruleid: bash-sudoers-nopasswd-all
echo "deploy ALL=(ALL) NOPASSWD: ALL" >> /etc/sudoers

# ruleid: bash-sudoers-nopasswd-all
echo "$USERNAME ALL=(ALL:ALL) NOPASSWD:ALL" | sudo tee /etc/sudoers.d/"$USERNAME"

# ruleid: bash-sudoers-nopasswd-all
sed -i 's/^%sudo.*/%sudo ALL=(ALL:ALL) NOPASSWD: ALL/' /etc/sudoers

# ruleid: bash-sudoers-nopasswd-all
cat > /etc/sudoers.d/ci <<'EOT'
ci ALL=(ALL) NOPASSWD: ALL
EOT

# ok: bash-sudoers-nopasswd-all
echo 'deploy ALL=(root) NOPASSWD: /usr/bin/systemctl restart myapp' > /etc/sudoers.d/deploy

# ok: bash-sudoers-nopasswd-all
chmod 440 /etc/sudoers.d/deploy

# ok: bash-sudoers-nopasswd-all
echo "deploy ALL=(ALL) ALL" >> /etc/sudoers.d/deploy

# ok: bash-sudoers-nopasswd-all
visudo -cf /etc/sudoers.d/deploy
