/**
 * The renderer needs no browser permission at all: no camera, microphone, geolocation,
 * notifications (desktop notifications come from the main process), clipboard-read, Web Serial,
 * WebUSB or HID (the modem is opened by the backend, never by the page). Every request and
 * every check is answered "no" (Electron security checklist, item 5).
 */
import type { Session } from 'electron';

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // A page calling navigator.serial.requestPort() gets no port list to choose from.
  session.on('select-serial-port', (event, _portList, _webContents, callback) => {
    event.preventDefault();
    callback('');
  });
}
