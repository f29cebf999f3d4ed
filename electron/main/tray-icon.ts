/**
 * The tray icon: a 32x32 PNG (a green speech bubble), inlined so the bundle needs no asset
 * files next to it. Generated once; replace with the product icon when there is one.
 */
export const TRAY_ICON_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAXklEQVR42mNgGAWjAAeQr4r5T008YBaT7JABdQCtLSfoiFEHDFoHwACl4mQ5AB2QKz50HTDgUTCaC0aWA0Zrw0HRICHWIQPaNBvQtuHIsRzdAQPaNB/QvsFoD2nYAwD1TuUiAleouwAAAABJRU5ErkJggg==';
