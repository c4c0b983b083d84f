; The WardLedger installer (NSIS 3, Unicode, 64-bit). `make installer`
; builds it on Linux with Debian's nsis package:
;
;   makensis -NOCD -INPUTCHARSET UTF8 -DBUILD=bin -DOUTFILE=bin/WardLedger-Setup-X.Y.Z.exe scripts/installer.nsi
;
; BUILD holds wardledger.exe, wardctl.exe and winres/ (product.nsh, the
; icon), all made by `make windows` from assets/.
;
; It installs for the user who runs it, without administrator rights, into
; %LOCALAPPDATA%\Programs\WardLedger: both programs, a Start-menu and a
; desktop shortcut, and an uninstaller listed in Windows' installed apps.
; Installing over an installed copy updates it. Neither the installer nor
; the uninstaller ever touches the ledgers, their backups or the log in
; %AppData%\vn.wardledger.app (or wherever the user keeps a ledger).
; /S installs (and uninstall.exe /S removes) silently; /D=FOLDER, last on
; the command line, picks another folder.

Unicode true
Target amd64-unicode
!include "${BUILD}/winres/product.nsh"
!include MUI2.nsh
!include LogicLib.nsh
!include WinVer.nsh
!include FileFunc.nsh

!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${PRODUCT}"
!define APP_EXE "wardledger.exe"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
SetCompressor /SOLID lzma
BrandingText "${PRODUCT} ${VERSION}"
ShowInstDetails nevershow
ShowUninstDetails nevershow

!define MUI_ICON "${BUILD}/winres/wardledger.ico"
!define MUI_UNICON "${BUILD}/winres/wardledger.ico"
!define MUI_WELCOMEFINISHPAGE_BITMAP "${BUILD}/winres/wizard.bmp"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TITLE "Cài đặt ${PRODUCT} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "${PRODUCT} — ${DESCRIPTION}.$\r$\n$\r$\nChương trình được cài cho người dùng Windows đang đăng nhập, không cần quyền quản trị.$\r$\n$\r$\nNếu máy đã có ${PRODUCT}, bản này sẽ được cài đè lên (cập nhật). Các sổ kế toán, bản sao lưu và thiết lập đã có được giữ nguyên.$\r$\n$\r$\n$_CLICK"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Mở ${PRODUCT} ngay"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!define MUI_UNCONFIRMPAGE_TEXT_TOP "${PRODUCT} sẽ được gỡ khỏi thư mục dưới đây. Các sổ kế toán, bản sao lưu và nhật ký lỗi (trong %AppData%\vn.wardledger.app hoặc nơi bạn đã chọn) KHÔNG bị xóa."
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Vietnamese"

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "FileDescription" "Cài đặt ${PRODUCT} ${VERSION} – ${DESCRIPTION}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "CompanyName" "${COMPANY}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "LegalCopyright" "${COPYRIGHT}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "ProductVersion" "${VERSION}"

; waitClosed asks, while the program in the install folder is running (its
; file cannot be opened for writing), to close it and try again. Silent,
; it gives up: the exit status is then 2 and nothing was changed.
!macro waitClosed
  ${If} ${FileExists} "$INSTDIR\${APP_EXE}"
    retry_close:
    ClearErrors
    FileOpen $0 "$INSTDIR\${APP_EXE}" a
    ${If} ${Errors}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${PRODUCT} đang mở. Hãy đóng cửa sổ ${PRODUCT} (các bút toán đã ghi đều đã được lưu) rồi bấm Retry / Thử lại." /SD IDCANCEL IDRETRY retry_close
      SetErrorLevel 2
      Quit
    ${EndIf}
    FileClose $0
  ${EndIf}
!macroend

Function .onInit
  ${IfNot} ${AtLeastWin10}
    MessageBox MB_OK|MB_ICONSTOP "${PRODUCT} cần Windows 10 hoặc Windows 11 (64-bit)." /SD IDOK
    SetErrorLevel 3
    Quit
  ${EndIf}
  SetShellVarContext current
FunctionEnd

Section "${PRODUCT}"
  SetShellVarContext current
  !insertmacro waitClosed
  SetOutPath "$INSTDIR"
  File "${BUILD}/wardledger.exe"
  File "${BUILD}/wardctl.exe"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0 SW_SHOWNORMAL "" "${DESCRIPTION}"
  CreateShortCut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0 SW_SHOWNORMAL "" "${DESCRIPTION}"

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT} – ${DESCRIPTION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${COMPANY}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

; The uninstaller removes exactly what the installer put there; a folder
; that still holds something else (a ledger the user kept beside the
; program) stays with it.
Section "Uninstall"
  SetShellVarContext current
  !insertmacro waitClosed
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\wardctl.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$DESKTOP\${PRODUCT}.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
