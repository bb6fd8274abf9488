/**
 * A request body read whole, at most `max` bytes, as a JSON object. The sandbox's own API and its Sheets API
 * layer both read bodies this way; each answers a failure in its own error format, so the errors are theirs.
 */
import type * as http from 'node:http';

export async function readJsonObject(req: http.IncomingMessage, max: number,
  errors: { tooLarge: () => Error; invalid: () => Error }): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw errors.tooLarge();
    chunks.push(chunk as Buffer);
  }
  let v: unknown;
  try {
    v = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    throw errors.invalid();
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw errors.invalid();
  return v as Record<string, unknown>;
}
