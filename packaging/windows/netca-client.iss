; netca-client for Windows: a per-user install, no administrator rights.
;   iscc /DAppVersion=0.1.0 /DBundleDir=..\..\dist\netca-client /DOutputDir=..\..\dist packaging\windows\netca-client.iss
; (the CI workflow passes the version read from pyproject.toml).
;
; What it does, and nothing else:
;   - copies the PyInstaller bundle to %LOCALAPPDATA%\Programs\netca-client ({autopf} in
;     non-administrative mode);
;   - a Start menu entry for the current user;
;   - only when the holder ticks it: start at login, as the value "netca-client" in
;     HKCU\Software\Microsoft\Windows\CurrentVersion\Run (the client's own 设置 → 桌面
;     switch uses the same value);
;   - uninstall removes the files, the Start menu entry and that Run value.
; It does not touch Internet Explorer zones, COM registrations, other programs' settings or
; processes (only netca-client's own files are replaced; Restart Manager may ask to close
; netca-client itself), and it installs no extra software.

#ifndef AppVersion
  #error Pass /DAppVersion=x.y.z (pyproject.toml's version)
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\netca-client"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

[Setup]
AppId={{6B1C3E0A-5D2B-4C8E-9A47-2F0D8E7B51C3}
AppName=netca-client
AppVersion={#AppVersion}
AppVerName=netca-client {#AppVersion}
AppPublisher=netca-client
VersionInfoVersion={#AppVersion}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=
DefaultDirName={autopf}\netca-client
DefaultGroupName=netca-client
DisableProgramGroupPage=yes
UninstallDisplayName=netca-client
UninstallDisplayIcon={app}\netca-client.exe
OutputDir={#OutputDir}
OutputBaseFilename=netca-client-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\netca-client.ico
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
CloseApplications=yes
RestartApplications=no
ChangesAssociations=no
ChangesEnvironment=no

[Languages]
; official since Inno Setup 6.4 (the CI workflow checks the compiler has it)
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.AutostartTask=登录 Windows 时启动 netca-client
english.AutostartTask=Start netca-client when I log in to Windows
chinesesimplified.AutostartGroup=可选：
english.AutostartGroup=Optional:

[Tasks]
Name: "autostart"; Description: "{cm:AutostartTask}"; GroupDescription: "{cm:AutostartGroup}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\netca-client"; Filename: "{app}\netca-client.exe"; WorkingDir: "{app}"

[Registry]
; written only when the task is ticked; removed at uninstall
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; ValueName: "netca-client"; ValueData: """{app}\netca-client.exe"" --minimized"; Flags: uninsdeletevalue; Tasks: autostart
; removed at uninstall even when the client's own switch (not the installer) wrote it;
; ValueType none writes nothing at install
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: none; ValueName: "netca-client"; Flags: uninsdeletevalue dontcreatekey

[Run]
Filename: "{app}\netca-client.exe"; Description: "{cm:LaunchProgram,netca-client}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; the client's downloaded updates; the holder's settings and journals (%APPDATA%) are kept
Type: filesandordirs; Name: "{localappdata}\netca-client\Cache"
