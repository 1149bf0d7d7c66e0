#!/bin/bash
set -euo pipefail

# ruleid: bash-tls-verification-disabled
curl -sSkL https://downloads.example.com/agent.tar.gz -o /tmp/agent.tar.gz

# ruleid: bash-tls-verification-disabled
curl --insecure -X POST -d @payload.json https://10.0.0.5:8443/api/deploy

# ruleid: bash-tls-verification-disabled
wget --no-check-certificate https://repo.internal/pkg.deb

# ruleid: bash-tls-verification-disabled
export GIT_SSL_NO_VERIFY=true

# ruleid: bash-tls-verification-disabled
NODE_TLS_REJECT_UNAUTHORIZED=0 npm install

# ruleid: bash-tls-verification-disabled
git config --global http.sslVerify false

# ruleid: bash-tls-verification-disabled
npm config set strict-ssl false

# ruleid: bash-tls-verification-disabled
pip install --trusted-host pypi.internal -r requirements.txt

# ruleid: bash-tls-verification-disabled
kubectl --insecure-skip-tls-verify apply -f deploy.yaml

# ok: bash-tls-verification-disabled
curl -sSL --cacert /etc/ssl/certs/internal-ca.pem https://downloads.example.com/agent.tar.gz -o /tmp/agent.tar.gz

# ok: bash-tls-verification-disabled
curl -fsSL -H "Authorization: Bearer $TOKEN" https://api.example.com/v1/status

# ok: bash-tls-verification-disabled
wget --ca-certificate=/etc/ssl/certs/internal-ca.pem https://repo.internal/pkg.deb

# ok: bash-tls-verification-disabled
export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/internal-ca.pem

# ok: bash-tls-verification-disabled
git config --global http.sslCAInfo /etc/ssl/certs/internal-ca.pem

# ok: bash-tls-verification-disabled
export GIT_SSL_NO_VERIFY=false
