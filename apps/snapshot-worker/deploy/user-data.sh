#!/bin/bash
# Boots a snapshot worker on a Debian EC2 instance: Chromium, Node.js 22,
# the worker bundle from S3, its settings, then its systemd unit.
#
# The launch template fills in the variables of the first block (template
# .yaml writes the same steps inline, with its resources substituted).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

: "${AWS_REGION:?}"
: "${NODE_VERSION:?e.g. 22.12.0}"
: "${BUNDLE_URL:?s3://<artifact bucket>/snapshot-worker/current.tgz}"
: "${SNAPSHOTS_TABLE:?}" "${SNAPSHOT_BUCKET:?}"
: "${BATCH_QUEUE_URL:?}" "${PRIVATE_QUEUE_URL:?}"
: "${ALLOWED_HOSTS:?}"
# One of the two: the local report server, or QuickSight of this account.
REPORT_SOURCE=${REPORT_BASE_URL:+REPORT_BASE_URL=$REPORT_BASE_URL}
REPORT_SOURCE=${REPORT_SOURCE:-QUICKSIGHT_ACCOUNT_ID=${QUICKSIGHT_ACCOUNT_ID:?}}
CAPTURE_SLOTS=${CAPTURE_SLOTS:-2}

apt-get update -q
apt-get install -y -q --no-install-recommends chromium \
  fonts-dejavu-core fonts-liberation ca-certificates curl xz-utils awscli

case "$(uname -m)" in
  aarch64) arch=arm64 ;;
  x86_64) arch=x64 ;;
  *) echo "unsupported machine $(uname -m)" >&2; exit 1 ;;
esac
node_dist="node-v$NODE_VERSION-linux-$arch"
cd /tmp
curl -fsSLO "https://nodejs.org/dist/v$NODE_VERSION/$node_dist.tar.xz"
curl -fsSL "https://nodejs.org/dist/v$NODE_VERSION/SHASUMS256.txt" \
  | grep " $node_dist.tar.xz\$" | sha256sum -c -
tar -xJf "$node_dist.tar.xz" -C /usr/local --strip-components=1

id snapshots >/dev/null 2>&1 || useradd --system \
  --home-dir /opt/snapshot-worker --shell /usr/sbin/nologin snapshots
install -d -o snapshots -g snapshots /opt/snapshot-worker
aws s3 cp --region "$AWS_REGION" "$BUNDLE_URL" /tmp/bundle.tgz
tar -xzf /tmp/bundle.tgz -C /opt/snapshot-worker
chown -R snapshots:snapshots /opt/snapshot-worker

# The group's SnapshotPool tag says which queues this instance serves.
imds=http://169.254.169.254/latest
token=$(curl -fsS -X PUT "$imds/api/token" \
  -H 'X-aws-ec2-metadata-token-ttl-seconds: 300')
pool=$(curl -fsS -H "X-aws-ec2-metadata-token: $token" \
  "$imds/meta-data/tags/instance/SnapshotPool" || echo batch)
instance=$(curl -fsS -H "X-aws-ec2-metadata-token: $token" \
  "$imds/meta-data/instance-id")

install -d /etc/snapshot-worker
cat > /etc/snapshot-worker/env <<ENV
AWS_REGION=$AWS_REGION
WORKER_ID=$instance
WORKER_POOL=$pool
SNAPSHOTS_TABLE=$SNAPSHOTS_TABLE
SNAPSHOT_BUCKET=$SNAPSHOT_BUCKET
BATCH_QUEUE_URL=$BATCH_QUEUE_URL
PRIVATE_QUEUE_URL=$PRIVATE_QUEUE_URL
$REPORT_SOURCE
ALLOWED_HOSTS=$ALLOWED_HOSTS
CAPTURE_SLOTS=$CAPTURE_SLOTS
CHROME_PATH=/usr/bin/chromium
ENV

install -m 0644 /opt/snapshot-worker/deploy/snapshot-worker.service \
  /etc/systemd/system/snapshot-worker.service
systemctl daemon-reload
systemctl enable --now snapshot-worker
