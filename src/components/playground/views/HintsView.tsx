/** @jsxImportSource preact */
/** Every diagnostic of the build (parser checks, plan and build errors) and the image-level hints. */
import type { Diagnostic } from '../../../lib/diagnostics.ts';
import type { BuildResult } from '../../../lib/build/view-api.ts';
import { imageHints } from '../../../lib/checks/image-hints.ts';
import { failedOutput } from '../failure-output.ts';

function Item({ d, output = null }: { d: Diagnostic; output?: string | null }) {
  return (
    <li class={`pg-hint pg-hint-${d.severity}`}>
      <p>
        <span class="pg-badge">{d.severity}</span> <code>{d.code}</code>
        {d.range === undefined ? '' : ` line ${d.range.line}`}: {d.message}
      </p>
      {output === null ? null : <pre class="pg-output">{output}</pre>}
      {d.hint === undefined ? null : <p class="pg-muted">{d.hint}</p>}
      {d.url === undefined ? null : <p><a href={d.url}>About {d.code}</a></p>}
    </li>
  );
}

export default function HintsView({ result }: { result: BuildResult }) {
  const image = imageHints(result);
  return (
    <div class="pg-hints">
      {result.diagnostics.length === 0 ? <p class="pg-muted">The Dockerfile checks found nothing.</p> : <ul>{result.diagnostics.map((d, i) => <Item key={i} d={d} output={d.phase === 'build' ? failedOutput(result, d.line) : null} />)}</ul>}
      <h4>About the image</h4>
      {result.image === null ? (
        <p class="pg-muted">No image to check.</p>
      ) : image.length === 0 ? (
        <p class="pg-muted">No image-level hints.</p>
      ) : (
        <ul>{image.map((d, i) => <Item key={i} d={d} />)}</ul>
      )}
    </div>
  );
}
