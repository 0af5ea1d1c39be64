#!/usr/bin/env bash
# Neovim (0.7 or later, Debian's `neovim`) as a real client of `galley lsp`: see
# scripts/nvim-lsp-check.lua for what it checks. Exits non-zero on any failure.
#
#   scripts/nvim-lsp-check.sh [PATH-TO-GALLEY]     (default: target/debug/galley, built)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v nvim >/dev/null; then
  echo "nvim-lsp-check: nvim is not installed (Debian: apt-get install neovim)" >&2
  exit 1
fi
galley=${1:-}
if [ -z "$galley" ]; then
  cargo build --quiet
  galley="${CARGO_TARGET_DIR:-target}/debug/galley"
fi
galley=$(realpath "$galley")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Written for this check: a dropped ending after non-ASCII text (a two-byte 'Å', a
# three-byte apostrophe, a four-byte emoji that is two UTF-16 units) on the same line.
printf '%s\n' '# Harbour cargo tally' '' \
  'The Ålesund port’s 🚢 cargo tally was first reporte by two officials.' '' \
  'Nobody disputed the figures.' > "$work/draft.md"

status=0
GALLEY_BIN="$galley" GALLEY_DRAFT="$work/draft.md" timeout 120 \
  nvim --headless --clean -u NONE -i NONE -n \
  -c "luafile scripts/nvim-lsp-check.lua" </dev/null || status=$?
if [ "$status" -ne 0 ]; then
  echo "nvim-lsp-check: failed (status $status)" >&2
  exit 1
fi
