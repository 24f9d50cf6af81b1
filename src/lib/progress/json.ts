/** Reading untrusted JSON (saved progress, imported and handed-in files) without exceptions. */

export type JsonObject = Record<string, unknown>;

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export const isStringMap = (v: unknown): v is Record<string, string> => isObject(v) && Object.values(v).every((t) => typeof t === 'string');

/** The parsed value, or undefined when `text` is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
