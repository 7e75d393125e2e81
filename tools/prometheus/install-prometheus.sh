#!/bin/sh
# Installs Debian's `prometheus` package (prometheus + promtool) when promtool is missing, so the
# rule tests and the Prometheus end-to-end test run on a clean machine. Needs root (or sudo) and apt.
# The package's own service is not started: the local stack runs Prometheus on its own port.
set -eu

if command -v promtool >/dev/null 2>&1 && command -v prometheus >/dev/null 2>&1; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then as_root=""; elif command -v sudo >/dev/null 2>&1; then as_root="sudo"; else
  echo "install-prometheus: promtool is missing and neither root nor sudo is available; install Debian's 'prometheus' package" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-prometheus: promtool is missing and apt-get is not available; install Prometheus 2.x (prometheus and promtool on PATH)" >&2
  exit 1
fi

# Keep the package's init script from starting a Prometheus on the default port 9090.
policy=/usr/sbin/policy-rc.d
added_policy=""
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $as_root tee "$policy" >/dev/null
  $as_root chmod 755 "$policy"
  added_policy="yes"
fi
cleanup() { if [ -n "$added_policy" ]; then $as_root rm -f "$policy"; fi; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
$as_root apt-get update -qq -o DPkg::Lock::Timeout=300
$as_root apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 prometheus >/dev/null
promtool --version 2>&1 | head -1
