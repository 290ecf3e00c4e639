#!/usr/bin/env bash
# Runs the test suite: `./test.sh [dotnet test options]`.
# The golden tests compile small C programs with gcc against the Linux virtio headers (/usr/include/linux/virtio_*.h,
# from linux-libc-dev); the browser tests (tests/Sim.Browser.Tests) open the HTML reports in /usr/bin/chromium, which
# needs a font to render text; the MessagePack cross-check tests (tests/Sim.Tracing.Tests) run Debian's /usr/bin/python3
# with python3-msgpack (not a python3 that comes first on PATH, e.g. pyenv's, which cannot see Debian's module).
# Whatever is missing is installed with apt-get (one `apt-get update`, through sudo when not root). Then the house
# layout is checked (`dotnet format whitespace --verify-no-changes` against .editorconfig; naming is checked by every
# build), and this runs `dotnet test` with the given arguments.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
if ! command -v gcc >/dev/null 2>&1 || [ ! -f /usr/include/linux/virtio_ring.h ]; then
  echo "test.sh: gcc or the Linux UAPI headers are missing; installing gcc, libc6-dev and linux-libc-dev for the golden tests" >&2
  missing+=(gcc libc6-dev linux-libc-dev)
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "test.sh: /usr/bin/chromium is missing; installing chromium for the browser tests" >&2
  missing+=(chromium)
fi
if [ ! -d /usr/share/fonts/truetype/dejavu ]; then
  echo "test.sh: no DejaVu fonts; installing fonts-dejavu-core so chromium renders the reports' text" >&2
  missing+=(fonts-dejavu-core)
fi
if [ ! -x /usr/bin/python3 ]; then
  echo "test.sh: /usr/bin/python3 is missing; installing python3 and python3-msgpack for the MessagePack cross-check tests" >&2
  missing+=(python3 python3-msgpack)
elif ! /usr/bin/python3 -c 'import msgpack' >/dev/null 2>&1; then
  echo "test.sh: /usr/bin/python3 has no msgpack module; installing python3-msgpack for the MessagePack cross-check tests" >&2
  missing+=(python3-msgpack)
fi

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "test.sh: cannot install ${missing[*]}: not root and no sudo; install them yourself (apt-get install ${missing[*]})" >&2
    exit 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: cannot install ${missing[*]}: apt-get is not available; install them with this system's package manager" >&2
    exit 1
  fi
  "${as_root[@]}" apt-get update
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

if ! dotnet format whitespace --folder --verify-no-changes >/dev/null 2>&1; then
  echo "test.sh: files stray from the layout in .editorconfig; these need 'dotnet format whitespace --folder':" >&2
  dotnet format whitespace --folder --verify-no-changes 2>&1 | sed -n 's#^\(.*\.cs\)(.*#\1#p' | sort -u >&2
  exit 1
fi

exec dotnet test -c Release "$@"
