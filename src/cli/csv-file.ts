/**
 * Reading an import file: its size checked before it is read, then decoded strictly. Excel's "CSV UTF-8"
 * (with or without BOM) and "Unicode text" (UTF-16 with BOM) are read; anything else (a Windows-1252 "CSV")
 * is refused with the line where it stops being UTF-8, rather than importing "MÃ¼ller".
 */
import * as fs from 'node:fs';
import { MAX_IMPORT_CHARS } from '../core/invite-csv';
import { cliMsg } from '../core/messages/cli';
import type { Msg } from '../core/msg';
import { CliError } from './http';

/** UTF-8 takes at most 4 bytes per character: a larger file can't be within the import's character limit. */
export const MAX_IMPORT_BYTES = MAX_IMPORT_CHARS * 4;

export function decodeCsvFile(file: string, progress?: (m: Msg) => void): string {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw new CliError(cliMsg.fileUnreadable(file), 1);
  }
  if (size > MAX_IMPORT_BYTES) {
    throw new CliError(cliMsg.fileTooLarge(file, size), 1);
  }
  progress?.(cliMsg.reading(file, size));
  return decodeCsv(fs.readFileSync(file), file);
}

export function decodeCsv(buf: Uint8Array, name = 'filen'): string {
  if (buf.length > MAX_IMPORT_BYTES) {
    throw new CliError(cliMsg.fileTooLarge(name, buf.length), 1);
  }
  if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new CliError(cliMsg.notUtf8(name, firstBadLine(buf)), 1);
  }
}

/** The 1-based line of the first byte sequence that is not UTF-8. */
function firstBadLine(buf: Uint8Array): number {
  let line = 1;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (b === 0x0a) { line++; continue; }
    if (b < 0x80) continue;
    const n = b >= 0xf0 && b < 0xf5 ? 3 : b >= 0xe0 ? 2 : b >= 0xc2 && b < 0xe0 ? 1 : -1;
    if (n < 0 || b >= 0xf5) return line;
    for (let k = 1; k <= n; k++) if (((buf[i + k] ?? 0) & 0xc0) !== 0x80) return line;
    i += n;
  }
  return line;
}
