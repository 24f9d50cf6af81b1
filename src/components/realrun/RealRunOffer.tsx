/** @jsxImportSource preact */
/**
 * The "Run for real" action beside a terminal whose image runs Node: a button that types
 * `docker run --rm --real IMAGE` into the terminal, or, where this browser cannot, the reason in one
 * sentence. Support is read on the client after mounting (the server cannot know it).
 */
import { useEffect, useState } from 'preact/hooks';
import { browserFacts, realRunSupport, type RealRunSupport } from './support.ts';

export interface RealRunOfferProps {
  image: string;
  /** Types and runs a command in the terminal. */
  run(command: string): void;
}

export const realRunCommand = (image: string): string => `docker run --rm --real ${image}`;

export default function RealRunOffer({ image, run }: RealRunOfferProps) {
  const [support, setSupport] = useState<RealRunSupport | null>(null);
  useEffect(() => {
    const check = () => setSupport(realRunSupport(browserFacts()));
    check();
    addEventListener('online', check);
    addEventListener('offline', check);
    return () => {
      removeEventListener('online', check);
      removeEventListener('offline', check);
    };
  }, []);
  if (support === null) return null;
  return (
    <div class="real-run-offer">
      {support.ok ? (
        <>
          <button type="button" class="real-run-button" onClick={() => run(realRunCommand(image))}>
            Run for real
          </button>
          <p class="real-run-note">
            Runs {image}'s Node program for real in a WebContainer (StackBlitz's Node.js in your browser): npm installs real packages, so it
            needs the network.
          </p>
        </>
      ) : (
        <p class="real-run-note" role="note">
          <strong>Run for real is not available here.</strong> {support.reason} The simulated run works as before.
        </p>
      )}
    </div>
  );
}
