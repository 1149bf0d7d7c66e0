#!/bin/bash
set -euo pipefail

# ruleid: bash-credential-written-to-file
echo "API_KEY=sk-live-abc123def456" > .env

# ruleid: bash-credential-written-to-file
echo "//registry.npmjs.org/:_authToken=npm_abcdefghijklmnop" >> ~/.npmrc

# ruleid: bash-credential-written-to-file
printf 'DB_PASSWORD=hunter2hunter2\n' >> config/.env

# ruleid: bash-credential-written-to-file
cat > ~/.aws/credentials <<CREDS
[default]
aws_secret_access_key = wJalrXUtnFEMIK7MDENGbPxRfiCYzzzzzzzzzz
CREDS

# ruleid: bash-credential-written-to-file
git config --global credential.helper store

# ok: bash-credential-written-to-file
echo "API_KEY=$API_KEY" >> .env

# ok: bash-credential-written-to-file
echo "PORT=8080" > .env

# ok: bash-credential-written-to-file
echo "token: ${GITHUB_TOKEN}" > config.yml

# ok: bash-credential-written-to-file
git config --global credential.helper osxkeychain

# ok: bash-credential-written-to-file
echo "password=secretpassword" | passwd --stdin builder
