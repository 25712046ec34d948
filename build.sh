#!/usr/bin/env bash
# Builds and tests ChatMock the way CI does: SDK check, Release build (warnings are errors), tests.
# Usage: ./build.sh            build and run every test
#        ./build.sh --no-test  build only
set -euo pipefail
cd "$(dirname "$0")"

required=$(sed -n 's/.*"version": *"\([0-9.]*\)".*/\1/p' global.json | head -n1)
installed=$(dotnet --version 2>/dev/null || true)
if [ -z "$installed" ]; then
  echo "The .NET SDK is not installed; ChatMock needs $required or a later 10.0 feature band." >&2
  exit 1
fi
case "$installed" in
  10.*) ;;
  *) echo "ChatMock needs the .NET 10 SDK ($required or later); found $installed." >&2; exit 1 ;;
esac

dotnet build -c Release
if [ "${1:-}" != "--no-test" ]; then
  dotnet test -c Release --no-build
fi
