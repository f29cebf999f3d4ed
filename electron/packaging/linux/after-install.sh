#!/bin/bash
# Runs as root after the .deb is installed or upgraded (electron-builder.yml deb.afterInstall;
# fpm --after-install, dpkg postinst). It must never fail the install: every step is guarded.
#
# electron-builder takes one after-install script, and naming ours replaces its stock one
# (app-builder-lib templates/linux/after-install.tpl). So part 1 does what the stock script
# does; compare the two at every electron-builder upgrade (test/unit/doctor/packaging.test.ts
# checks that each of its steps is still here). Part 2 is Ujumbe's udev rule.
#
# electron-builder fills in the dollar-brace names executable and sanitizedProductName when it
# builds the package and refuses any other: shell variables here are written $NAME, never with
# braces.

APP_DIR='/opt/${sanitizedProductName}'
APP_BIN='/usr/bin/${executable}'
APP_NAME='${executable}'

# --- Part 1: what electron-builder's stock script does ---

# The command on the PATH, through update-alternatives where the system has it.
if command -v update-alternatives >/dev/null 2>&1; then
    # A plain link left by an older install is replaced by the alternatives link.
    if [ -L "$APP_BIN" ] && [ "$(readlink "$APP_BIN")" != "/etc/alternatives/$APP_NAME" ]; then
        rm -f "$APP_BIN"
    fi
    update-alternatives --install "$APP_BIN" "$APP_NAME" "$APP_DIR/$APP_NAME" 100 || ln -sf "$APP_DIR/$APP_NAME" "$APP_BIN"
else
    ln -sf "$APP_DIR/$APP_NAME" "$APP_BIN"
fi

# Chromium's sandbox helper needs the SUID bit only where unprivileged user namespaces are off.
if [ -L /proc/self/ns/user ] && unshare --user true >/dev/null 2>&1; then
    chmod 0755 "$APP_DIR/chrome-sandbox" || true
else
    chmod 4755 "$APP_DIR/chrome-sandbox" || true
fi

command -v update-mime-database >/dev/null 2>&1 && { update-mime-database /usr/share/mime || true; }
command -v update-desktop-database >/dev/null 2>&1 && { update-desktop-database /usr/share/applications || true; }

# AppArmor profile (Ubuntu 24.04 and later restrict unprivileged user namespaces without one).
# Installed only where this AppArmor accepts it (22.04's does not know abi/4.0, and the app runs
# there without it); loaded only outside a chroot (an image being prepared for other machines).
if apparmor_status --enabled >/dev/null 2>&1; then
    PROFILE_SOURCE="$APP_DIR/resources/apparmor-profile"
    PROFILE_TARGET="/etc/apparmor.d/$APP_NAME"
    if apparmor_parser --skip-kernel-load --debug "$PROFILE_SOURCE" >/dev/null 2>&1; then
        cp -f "$PROFILE_SOURCE" "$PROFILE_TARGET"
        if ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; } && command -v apparmor_parser >/dev/null 2>&1; then
            apparmor_parser --replace --write-cache --skip-read-cache "$PROFILE_TARGET" || true
        fi
    else
        echo "Ujumbe: this AppArmor does not accept the bundled profile; skipping it."
    fi
fi

# --- Part 2: Ujumbe's udev rule (keeps ModemManager away from SMS modems, docs/PACKAGING.md) ---

RULE_SOURCE="$APP_DIR/resources/udev/60-ujumbe-modems.rules"
RULE_TARGET=/lib/udev/rules.d/60-ujumbe-modems.rules
if [ -f "$RULE_SOURCE" ]; then
    if install -D -m 0644 "$RULE_SOURCE" "$RULE_TARGET"; then
        # Without udevd (a container, a chroot) there is nothing to reload: the rule applies at
        # the next boot. A modem already plugged in is re-read by the trigger.
        if command -v udevadm >/dev/null 2>&1; then
            { udevadm control --reload-rules && udevadm trigger --subsystem-match=usb --subsystem-match=tty --action=change; } >/dev/null 2>&1 || true
        fi
    else
        echo "Ujumbe: could not install $RULE_TARGET; see docs/PACKAGING.md to install it by hand."
    fi
fi

exit 0
