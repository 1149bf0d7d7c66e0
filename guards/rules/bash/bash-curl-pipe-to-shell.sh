#!/usr/bin/env bash
set -euo pipefail

# ruleid: bash-curl-pipe-to-shell
curl -fsSL https://get.docker.com | sh

# ruleid: bash-curl-pipe-to-shell
curl -sSL https://install.example.com/setup.sh | sudo -E bash -

# ruleid: bash-curl-pipe-to-shell
wget -qO- https://raw.githubusercontent.com/example/tool/main/install.sh | bash -s -- --yes

# ruleid: bash-curl-pipe-to-shell
bash <(curl -s https://example.com/bootstrap.sh)

# ruleid: bash-curl-pipe-to-shell
sh -c "$(curl -fsSL https://raw.githubusercontent.com/ohmyzsh/ohmyzsh/master/tools/install.sh)"

# ruleid: bash-curl-pipe-to-shell
curl -sS https://bootstrap.pypa.io/get-pip.py | python3

# ok: bash-curl-pipe-to-shell
curl -fsSLo /tmp/get-docker.sh https://get.docker.com

# ok: bash-curl-pipe-to-shell
echo "4d1b8c2ef0a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1d3e5f7a9b1c3d5e7f9a1b3c5  /tmp/get-docker.sh" | sha256sum -c -

# ok: bash-curl-pipe-to-shell
curl -fsSL https://download.docker.com/linux/ubuntu/gpg | sudo gpg --dearmor -o /etc/apt/keyrings/docker.gpg

# ok: bash-curl-pipe-to-shell
curl -s https://api.github.com/repos/example/tool/releases/latest | jq -r .tag_name

# ok: bash-curl-pipe-to-shell
bash /tmp/get-docker.sh
