/**
 * Share: the playground state ⇄ a URL fragment (compressed, versioned, validated on the way in) and
 * the last state in an injected key/value storage. Never trusts its input.
 */
export { defaultOptions, isContextPath, limits, validateState, type Builder, type PlaygroundOptions, type PlaygroundState } from './state.ts';
export { decodeState, encodeState, shareVersion, stateParam } from './link.ts';
export { createStateStore, type KeyValueStorage, type StateStore } from './storage.ts';
