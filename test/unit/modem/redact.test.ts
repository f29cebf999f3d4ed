import { describe, expect, it } from 'vitest';
import { redactCommand } from '../../../electron/backend/gateways/modem/redact.ts';

describe('redactCommand', () => {
  it('never lets a PIN or a text-mode number into a log line', () => {
    expect(redactCommand('AT+CPIN="1234"')).toBe('AT+CPIN="****"');
    expect(redactCommand('AT+CPWD="SC","1234","5678"')).toBe('AT+CPWD=****');
    expect(redactCommand('AT+CMGS="+254712345678"')).toBe('AT+CMGS="…"');
    expect(redactCommand('AT+CMGS=23')).toBe('AT+CMGS=23');
    expect(redactCommand('AT+CPIN?')).toBe('AT+CPIN?');
  });
});
