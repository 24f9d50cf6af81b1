/**
 * A stand-in for the playground's build worker, for testing the build client without a browser:
 * it records what it is sent and answers only when a test tells it to.
 */
export class FakeWorker<Message = unknown> extends EventTarget {
  sent: Message[] = [];
  terminated = false;
  postMessage(message: Message): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** Delivers `data` to the client as a message from the worker. */
  say(data: unknown): void {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
}

/** A worker factory for `createBuildClient` that keeps every worker it makes, newest last. */
export function fakeWorkers<W>(make: () => W): { workers: W[]; create: () => Worker } {
  const workers: W[] = [];
  return {
    workers,
    create: () => {
      const worker = make();
      workers.push(worker);
      return worker as unknown as Worker;
    },
  };
}
