#!/usr/bin/env bash
# Runs the test suite: `./test.sh [dotnet test options]`.
# The golden tests compile small C programs with gcc against the Linux virtio headers (/usr/include/linux/virtio_*.h,
# from linux-libc-dev). When gcc or those headers are missing, this installs them with apt-get (through sudo when
# not root), then runs `dotnet test` with the given arguments.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v gcc >/dev/null 2>&1 || [ ! -f /usr/include/linux/virtio_ring.h ]; then
  echo "test.sh: gcc or the Linux UAPI headers are missing; installing gcc, libc6-dev and linux-libc-dev for the golden tests" >&2
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "test.sh: cannot install gcc: not root and no sudo; install it yourself (apt-get install gcc)" >&2
    exit 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: cannot install gcc: apt-get is not available; install gcc with this system's package manager" >&2
    exit 1
  fi
  "${as_root[@]}" apt-get update
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y gcc libc6-dev linux-libc-dev
fi

exec dotnet test "$@"
