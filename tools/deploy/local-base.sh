#!/bin/sh
# Assembles a Node base image for the image build where no public image registry is reachable (CI,
# development machines): glibc and libstdc++ from Debian's packages, this machine's Node binary,
# its CA bundle, and the user `node` (uid 1000) that the official node:20-bookworm-slim also has.
# Production builds use the official image instead (deploy/README.md, "The image").
#   usage: local-base.sh <image name>      e.g. localhost/furnish-node-base:20.20.2
# Kept between runs in buildah's storage: an existing image of that name is reused.
set -eu
name="$1"

if buildah inspect --type image "$name" >/dev/null 2>&1; then
  echo "[local-base] $name exists, reused"
  exit 0
fi

work="$(mktemp -d /tmp/furnish-base.XXXXXX)"
container=""
cleanup() {
  if [ -n "$container" ]; then buildah rm "$container" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

rootfs="$work/rootfs"
mkdir -p "$rootfs" "$work/debs"
# The installed versions, so the libraries are the ones this Node binary runs with here.
packages="libc6 libgcc-s1 libstdc++6 gcc-12-base"
# apt fetches as the unprivileged _apt user when it may write the folder.
chmod 755 "$work"
chown _apt "$work/debs" 2>/dev/null || true
# A machine whose package lists were never fetched (or are stale) downloads nothing: update once.
if ! (cd "$work/debs" && apt-get download -q $packages >/dev/null 2>&1); then
  apt-get update -qq -o DPkg::Lock::Timeout=300
  (cd "$work/debs" && apt-get download -q $packages >/dev/null)
fi
for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$rootfs"; done

node_binary="$(readlink -f "$(command -v node)")"
mkdir -p "$rootfs/usr/local/bin" "$rootfs/etc/ssl/certs" "$rootfs/tmp" "$rootfs/home/node"
cp "$node_binary" "$rootfs/usr/local/bin/node"
cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"
chmod 1777 "$rootfs/tmp"
printf 'root:x:0:0:root:/root:/usr/sbin/nologin\nnode:x:1000:1000::/home/node:/usr/sbin/nologin\n' >"$rootfs/etc/passwd"
printf 'root:x:0:\nnode:x:1000:\n' >"$rootfs/etc/group"
chown 1000:1000 "$rootfs/home/node"
# Node must run in the assembled tree before it becomes an image.
chroot "$rootfs" /usr/local/bin/node -e 'process.exit(0)'

container="$(buildah from scratch)"
buildah copy "$container" "$rootfs/" / >/dev/null
buildah config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --cmd node \
  --label org.opencontainers.image.description="Furnish local Node base: Debian bookworm glibc + the build machine's Node $(node --version)" "$container"
buildah commit --quiet "$container" "$name" >/dev/null
echo "[local-base] $name assembled (Node $(node --version), $(du -sm "$rootfs" | cut -f1) MiB)"
