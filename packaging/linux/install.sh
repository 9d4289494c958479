#!/bin/sh
# Installs (or with --uninstall removes) this CalMedi bundle and its desktop integration.
#
#   ./install.sh                  for you alone: ~/.local/lib/calmedi, ~/.local/bin/calmedi, menu entry, icons
#   sudo PREFIX=/usr/local ./install.sh          for every user of the machine
#   ~/.local/lib/calmedi/install.sh --uninstall  removes the program, its menu entry, icons and autostart entry
#
# Uninstalling removes the program only. Your settings, logs, keyring entries and the CalMedi calendar in
# Google stay: run `calmedi erase --yes` first if you want those gone too.
set -eu

APP_ID=io.calmedi.Desktop
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${PREFIX:-$HOME/.local}
DEST=$PREFIX/lib/calmedi
BIN=$PREFIX/bin/calmedi
SHARE=$PREFIX/share
AUTOSTART=${XDG_CONFIG_HOME:-$HOME/.config}/autostart/$APP_ID.desktop
ICON_SIZES="16 24 32 48 64 128 256 512"

refresh_caches() {
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$SHARE/applications" 2>/dev/null || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$SHARE/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t -f "$SHARE/icons/hicolor" 2>/dev/null || true
  fi
}

uninstall() {
  if [ -L "$BIN" ] || [ -f "$BIN" ]; then rm -f "$BIN"; fi
  rm -f "$SHARE/applications/$APP_ID.desktop" "$SHARE/metainfo/$APP_ID.metainfo.xml" "$AUTOSTART"
  rm -f "$SHARE/icons/hicolor/scalable/apps/$APP_ID.svg"
  for size in $ICON_SIZES; do rm -f "$SHARE/icons/hicolor/${size}x${size}/apps/$APP_ID.png"; done
  # Only ever delete a folder that is a CalMedi bundle.
  if [ -x "$DEST/calmedi" ] && [ -d "$DEST/_internal" ]; then rm -rf "$DEST"; fi
  refresh_caches
  echo "CalMedi was removed from $PREFIX."
  echo "Your settings, keyring entries and Google calendar were kept; 'calmedi erase --yes' (run before"
  echo "uninstalling) deletes them."
}

install() {
  if [ ! -x "$HERE/calmedi" ] || [ ! -d "$HERE/_internal" ]; then
    echo "install.sh: run me from the unpacked CalMedi bundle (beside 'calmedi' and '_internal')" >&2
    exit 1
  fi
  if [ "$HERE" != "$DEST" ]; then
    if [ -e "$DEST" ]; then
      if [ -x "$DEST/calmedi" ] && [ -d "$DEST/_internal" ]; then
        rm -rf "$DEST"
      else
        echo "install.sh: $DEST exists and is not a CalMedi bundle; not touching it" >&2
        exit 1
      fi
    fi
    mkdir -p "$DEST"
    cp -R "$HERE/." "$DEST/"
  fi
  mkdir -p "$PREFIX/bin" "$SHARE/applications" "$SHARE/metainfo"
  ln -sf "$DEST/calmedi" "$BIN"
  sed "s|^Exec=calmedi\$|Exec=\"$DEST/calmedi\"|" "$DEST/share/applications/$APP_ID.desktop" \
    >"$SHARE/applications/$APP_ID.desktop"
  cp "$DEST/share/metainfo/$APP_ID.metainfo.xml" "$SHARE/metainfo/"
  cp -R "$DEST/share/icons" "$SHARE/"
  refresh_caches
  echo "CalMedi $("$DEST/calmedi" --version | sed 's/^calmedi //') is installed in $DEST."
  echo "Start it from your applications menu, or run: $BIN"
}

case "${1:-}" in
  --uninstall) uninstall ;;
  "") install ;;
  *) echo "usage: $0 [--uninstall]" >&2; exit 2 ;;
esac
