# Sign the executables and the installer with signtool (Authenticode, RFC 3161 time stamp).
#   pwsh packaging/windows/sign.ps1 dist\netca-client\netca-client.exe dist\netca-client\netca.exe
# Credentials come from the environment only (CI secrets):
#   WINDOWS_CERTIFICATE_PFX       base64 of the code-signing certificate (.pfx)
#   WINDOWS_CERTIFICATE_PASSWORD  its password
#   WINDOWS_TIMESTAMP_URL         optional, default http://timestamp.digicert.com
# Without them nothing is signed: the script says so and exits 0.
param([Parameter(ValueFromRemainingArguments = $true)][string[]] $Files)
$ErrorActionPreference = "Stop"
if (-not $env:WINDOWS_CERTIFICATE_PFX) {
    Write-Host "NOT SIGNED: WINDOWS_CERTIFICATE_PFX is not set; skipping code signing."
    exit 0
}
$pfx = Join-Path $env:RUNNER_TEMP "netca-signing.pfx"
[IO.File]::WriteAllBytes($pfx, [Convert]::FromBase64String($env:WINDOWS_CERTIFICATE_PFX))
$timestamp = if ($env:WINDOWS_TIMESTAMP_URL) { $env:WINDOWS_TIMESTAMP_URL } else { "http://timestamp.digicert.com" }
$signtool = Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" |
    Sort-Object FullName -Descending | Select-Object -First 1
try {
    & $signtool.FullName sign /fd SHA256 /td SHA256 /tr $timestamp /f $pfx `
        /p $env:WINDOWS_CERTIFICATE_PASSWORD @Files
    if ($LASTEXITCODE -ne 0) { throw "signtool failed" }
} finally {
    Remove-Item $pfx -Force
}
