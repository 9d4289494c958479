; Inno Setup 6 script: a per-user installer for the CalMedi bundle (dist\calmedi, built by `make bundle` on
; Windows). packaging/build.py compiles it when iscc.exe is on PATH:
;
;   iscc /DAppVersion=<calmedi_desktop.__version__> /DSourceDir=dist\calmedi /O dist packaging\windows\calmedi.iss
;
; The version is passed in, never written here (calmedi_desktop.__version__ is the one source).
; Start menu entry: always. Desktop icon and start at login: optional tasks. Uninstalling removes the program,
; its shortcuts and its start-at-login entry; the user's data stays (`calmedi erase --yes` deletes that).

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=x.y.z (packaging/build.py does it)
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\calmedi"
#endif
#define AppName "CalMedi"
#define GuiExe "calmedi-tray.exe"
#define RunKey "Software\Microsoft\Windows\CurrentVersion\Run"

[Setup]
AppId={{6F1C2B8E-3D4A-4E8B-9C71-CA1ED1D05E7A}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=CalMedi
AppPublisherURL=https://calmedi.io
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputBaseFilename=CalMedi-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no
UninstallDisplayIcon={app}\{#GuiExe}
UninstallDisplayName={#AppName}

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "autostart"; Description: "{cm:AutoStartProgram,{#AppName}}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#GuiExe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#GuiExe}"; Tasks: desktopicon

[Registry]
; The same value CalMedi's own autostart switch writes (calmedi_desktop/autostart.py), so either can undo it.
Root: HKCU; Subkey: "{#RunKey}"; ValueType: string; ValueName: "{#AppName}"; ValueData: """{app}\{#GuiExe}"""; Tasks: autostart; Flags: uninsdeletevalue

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallRun]
Filename: "{sys}\taskkill.exe"; Parameters: "/im {#GuiExe} /im calmedi.exe /f"; Flags: runhidden; RunOnceId: "StopCalMedi"

[Code]
{ The app may have switched start-at-login on by itself: never leave a Run entry pointing at a removed program. }
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
    RegDeleteValue(HKEY_CURRENT_USER, '{#RunKey}', '{#AppName}');
end;
