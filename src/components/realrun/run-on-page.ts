/**
 * `docker run --real` on the page, once the browser is known to be able (support.ts, checked by the
 * caller before this module loads): boots the WebContainer (once), replays the plan there with the
 * terminal as its screen, and reports the servers it opens so the page can show them. Loaded only
 * when a real run is first asked for.
 */
import { startRealRun } from '../../lib/realrun/execute.ts';
import type { RealRunHandle, RealRunPlan } from '../../lib/realrun/types.ts';
import { crlf } from '../../lib/terminal/terminal-like.ts';
import { BOOT_TIMEOUT_MS, notStarted } from './support.ts';
import { bootContainer } from './webcontainer.ts';

export interface RealRunScreen {
  write(text: string): void;
  readonly cols: number;
  readonly rows: number;
}

/** A server in the container: its port and the URL to show, or null once it closed. */
export type PortListener = (port: number, url: string | null) => void;


export async function runOnPage(plan: RealRunPlan, screen: RealRunScreen, onPort: PortListener, bootTimeoutMs = BOOT_TIMEOUT_MS): Promise<RealRunHandle> {
  screen.write(crlf('Starting a WebContainer: real Node.js in this browser, provided by StackBlitz (the first start downloads it)…\n'));
  const container = await bootContainer(bootTimeoutMs);
  if (!container.ok) return notStarted(screen, plan.image, container.error);
  const stopPorts = container.value.onPort(onPort);
  const handle = await startRealRun(plan, container.value, { write: (text) => screen.write(crlf(text)), cols: screen.cols, rows: screen.rows });
  void handle.exit.finally(stopPorts);
  return handle;
}
