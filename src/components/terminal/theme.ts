/**
 * The terminal's colours from the site's theme variables, so it follows light and dark. The
 * variables use light-dark(), which only a computed style resolves, hence the probe element.
 */
import type { ITheme } from '@xterm/xterm';

export function readTheme(host: HTMLElement): ITheme {
  const probe = document.createElement('span');
  probe.hidden = true;
  host.append(probe);
  const color = (name: string): string => {
    probe.style.color = `var(${name})`;
    return getComputedStyle(probe).color;
  };
  const accent = color('--accent');
  const good = color('--good');
  const bad = color('--bad');
  const focus = color('--focus');
  const theme: ITheme = {
    background: color('--surface-sunken'),
    foreground: color('--text'),
    cursor: accent,
    cursorAccent: color('--surface-sunken'),
    selectionBackground: color('--accent-soft'),
    selectionForeground: color('--text'),
    blue: accent,
    brightBlue: accent,
    green: good,
    brightGreen: good,
    red: bad,
    brightRed: bad,
    yellow: focus,
    brightYellow: focus,
  };
  probe.remove();
  return theme;
}

/** Calls `changed` when the page switches theme (the toggle's data-theme, or the system setting). */
export function onThemeChange(changed: () => void): () => void {
  const observer = new MutationObserver(changed);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  const system = matchMedia('(prefers-color-scheme: dark)');
  system.addEventListener('change', changed);
  return () => {
    observer.disconnect();
    system.removeEventListener('change', changed);
  };
}
