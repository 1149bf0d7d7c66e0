#!/bin/bash
set -euo pipefail

# ruleid: bash-sudo-for-package-install
sudo pip install -r requirements.txt

# ruleid: bash-sudo-for-package-install
sudo npm install -g typescript

# ruleid: bash-sudo-for-package-install
sudo python3 -m pip install requests

# ruleid: bash-sudo-for-package-install
sudo gem install bundler

# ok: bash-sudo-for-package-install
sudo apt-get install -y build-essential

# ok: bash-sudo-for-package-install
pip install --user requests

# ok: bash-sudo-for-package-install
sudo systemctl restart nginx
