#!/usr/bin/env bash
# The disk image a holder opens and drags netca-client.app from into Applications.
#   packaging/macos/make-dmg.sh dist/netca-client.app dist/netca-client-VERSION-macos.dmg
# A signing identity in MACOS_SIGN_IDENTITY signs the image too (skipped, with a message,
# without it). Nothing is installed outside /Applications; no helper, no login item: start
# at login is the holder's choice in 设置 (a LaunchAgent in ~/Library/LaunchAgents).
set -euo pipefail
app="${1:?usage: make-dmg.sh PATH/netca-client.app OUT.dmg}"
out="${2:?usage: make-dmg.sh PATH/netca-client.app OUT.dmg}"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
rm -f "$out"
hdiutil create -volname "netca-client" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$out"
if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$out"
else
  echo "NOT SIGNED: MACOS_SIGN_IDENTITY is not set; the disk image is unsigned."
fi
shasum -a 256 "$out"
