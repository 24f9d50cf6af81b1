/** @jsxImportSource preact */
/** The build log as `docker build --progress=plain` prints it. */
import { formatProgress, type ProgressEvent } from '../../../lib/build/view-api.ts';

export default function BuildLog({ progress, labelledBy }: { progress: readonly ProgressEvent[]; labelledBy: string }) {
  return (
    <pre class="pg-log" tabindex={0} aria-labelledby={labelledBy}>
      {formatProgress(progress)}
    </pre>
  );
}
