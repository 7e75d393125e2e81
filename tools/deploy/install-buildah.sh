#!/bin/sh
# Installs Debian's buildah (the daemonless image builder the image check uses) when it is missing,
# so the check runs on a clean machine. Needs root and apt-get.
set -eu
if command -v buildah >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-buildah: buildah is missing; install Debian's 'buildah' package (needs root and apt-get)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq -o DPkg::Lock::Timeout=300
apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 buildah >/dev/null
buildah --version
