#!/bin/bash
# Runs as root after the .deb is removed, and after an upgrade removed the old version
# (electron-builder.yml deb.afterRemove; fpm --after-remove, dpkg postrm with $1 = remove, purge,
# upgrade ...). It must never fail: every step is guarded.
#
# Naming this script replaces electron-builder's stock one (app-builder-lib
# templates/linux/after-remove.tpl): part 1 does what that one does (see after-install.sh).
# Dollar-brace names are electron-builder's; shell variables are written $NAME.

APP_DIR='/opt/${sanitizedProductName}'
APP_BIN='/usr/bin/${executable}'
APP_NAME='${executable}'

# --- Part 1: what electron-builder's stock script does ---

if command -v update-alternatives >/dev/null 2>&1; then
    # --remove takes the registered target, not the link on the PATH.
    update-alternatives --remove "$APP_NAME" "$APP_DIR/$APP_NAME" || true
else
    rm -f "$APP_BIN"
fi

PROFILE_TARGET="/etc/apparmor.d/$APP_NAME"
if [ -f "$PROFILE_TARGET" ]; then
    # Unloaded before it is deleted, or the kernel keeps enforcing it until the next boot.
    if apparmor_status --enabled >/dev/null 2>&1; then
        if ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; } && command -v apparmor_parser >/dev/null 2>&1; then
            apparmor_parser --remove "$PROFILE_TARGET" || true
        fi
    fi
    rm -f "$PROFILE_TARGET"
fi

# --- Part 2: Ujumbe's udev rule ---

# Only when the package goes away: on an upgrade the new version's after-install puts it back,
# and removing it in between would let ModemManager take the modem meanwhile.
case "$1" in
    remove|purge|abort-install)
        RULE_TARGET=/lib/udev/rules.d/60-ujumbe-modems.rules
        if [ -f "$RULE_TARGET" ]; then
            rm -f "$RULE_TARGET"
            if command -v udevadm >/dev/null 2>&1; then
                udevadm control --reload-rules >/dev/null 2>&1 || true
            fi
        fi
        ;;
esac

exit 0
