/**
 * Playground state ⇄ URL fragment: `#state=v1.<base64url of deflate-raw JSON>`. The version lets a
 * later format be told apart; a link from a newer site version is refused with its own message.
 */
import { err, ok, type Result } from '../diagnostics.ts';
import { deflate, fromBase64Url, inflate, toBase64Url } from './codec.ts';
import { limits, shareError, validateState, type PlaygroundState } from './state.ts';

export const shareVersion = 1;
const fragmentKey = 'state';

const hint = 'The playground opened its default example instead. Ask whoever sent the link for a fresh copy.';

/** The fragment (with its `#`) that restores `state`. */
export async function encodeState(state: PlaygroundState): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(state));
  return `#${fragmentKey}=v${shareVersion}.${toBase64Url(await deflate(json))}`;
}

/** The state's encoded value from a location hash, or null when the hash carries none. */
export function stateParam(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return params.get(fragmentKey);
}

/**
 * Restores the state from a location hash. `ok(null)`: the hash has no state (not an error);
 * an error: the link is corrupt, from a future version, or too large.
 */
export async function decodeState(hash: string): Promise<Result<PlaygroundState | null>> {
  if (hash.length > limits.fragmentChars) {
    return err(shareError('share-too-large', `This link is too large to open (${hash.length.toLocaleString('en')} characters; the limit is ${limits.fragmentChars.toLocaleString('en')}).`, hint));
  }
  const param = stateParam(hash);
  if (param === null) return ok(null);
  const match = /^v(\d{1,6})\.(.*)$/s.exec(param);
  const corrupt = err(shareError('share-corrupt', 'This link is damaged: its playground state could not be read.', hint));
  if (match === null) return corrupt;
  const version = Number(match[1]);
  if (version > shareVersion) {
    return err(shareError('share-future-version', `This link was made by a newer version of Stagecraft (format v${version}; this page reads up to v${shareVersion}).`, 'Reload the page to get the newest version, then open the link again.'));
  }
  if (version < 1) return corrupt;
  const bytes = fromBase64Url(match[2] ?? '');
  if (bytes === null || bytes.length === 0) return corrupt;
  const inflated = await inflate(bytes, limits.jsonBytes);
  if (!inflated.ok) {
    return inflated.error === 'too-large'
      ? err(shareError('share-too-large', `This link expands to more than ${limits.jsonBytes.toLocaleString('en')} bytes, more than the playground accepts.`, hint))
      : corrupt;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated.value));
  } catch {
    return corrupt;
  }
  const state = validateState(parsed);
  if (!state.ok) return err({ ...state.error, hint });
  return state;
}
