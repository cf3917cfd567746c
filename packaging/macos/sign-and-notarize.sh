#!/usr/bin/env bash
# Sign netca-client.app with the hardened runtime and have Apple notarise it.
#   packaging/macos/sign-and-notarize.sh dist/netca-client.app
# Credentials come from the environment only (CI secrets), never from the repository:
#   MACOS_SIGN_IDENTITY     "Developer ID Application: … (TEAMID)", in the login keychain
#   MACOS_CERTIFICATE_P12   base64 of that certificate and key (CI: imported into a
#   MACOS_CERTIFICATE_PASSWORD  temporary keychain first)
#   APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD   for `xcrun notarytool`
# Without them nothing is signed: the script says so and exits 0, and the unsigned app
# still builds (Gatekeeper will then ask the holder to allow it by hand).
set -euo pipefail
app="${1:?usage: sign-and-notarize.sh PATH/netca-client.app}"
here="$(cd "$(dirname "$0")" && pwd)"

if [ -z "${MACOS_SIGN_IDENTITY:-}" ]; then
  echo "NOT SIGNED: MACOS_SIGN_IDENTITY is not set; skipping code signing and notarisation."
  exit 0
fi
if [ -n "${MACOS_CERTIFICATE_P12:-}" ]; then
  keychain="$RUNNER_TEMP/netca-signing.keychain-db"
  keychain_password="$(uuidgen)"
  security create-keychain -p "$keychain_password" "$keychain"
  security set-keychain-settings -lut 3600 "$keychain"
  security unlock-keychain -p "$keychain_password" "$keychain"
  echo "$MACOS_CERTIFICATE_P12" | base64 --decode > "$RUNNER_TEMP/cert.p12"
  security import "$RUNNER_TEMP/cert.p12" -k "$keychain" -P "${MACOS_CERTIFICATE_PASSWORD:-}" \
    -T /usr/bin/codesign
  rm -f "$RUNNER_TEMP/cert.p12"
  security list-keychains -d user -s "$keychain"
  security set-key-partition-list -S apple-tool:,apple: -s -k "$keychain_password" "$keychain"
fi

# Inside out: every library and executable, then the bundle itself.
find "$app/Contents" -type f \( -name '*.dylib' -o -name '*.so' -o -perm -111 \) -print0 |
  xargs -0 codesign --force --timestamp --options runtime \
    --entitlements "$here/entitlements.plist" --sign "$MACOS_SIGN_IDENTITY"
codesign --force --timestamp --options runtime --entitlements "$here/entitlements.plist" \
  --sign "$MACOS_SIGN_IDENTITY" "$app"
codesign --verify --deep --strict --verbose=2 "$app"

if [ -z "${APPLE_ID:-}" ] || [ -z "${APPLE_TEAM_ID:-}" ] || [ -z "${APPLE_APP_PASSWORD:-}" ]; then
  echo "NOT NOTARISED: APPLE_ID, APPLE_TEAM_ID or APPLE_APP_PASSWORD is not set; signed only."
  exit 0
fi
zip="$RUNNER_TEMP/netca-client-notarize.zip"
ditto -c -k --keepParent "$app" "$zip"
xcrun notarytool submit "$zip" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
  --password "$APPLE_APP_PASSWORD" --wait
xcrun stapler staple "$app"
spctl --assess --type execute --verbose "$app"
