/** @jsxImportSource preact */
/**
 * The final image: its config (a root user stands out), the size of each layer as bars, the file
 * tree with size, owner, mode and the stage and line that put each file there, and what the other
 * stages left behind.
 */
import { humanSize, type BuildResult, type ImageFile, type ImageResult } from '../../../lib/build/view-api.ts';
import { owner } from './format.ts';
import { imageTree, type ImageDir } from './image-tree.ts';

const isRoot = (user: string) => ['', 'root', '0'].includes(user.split(':')[0] ?? '');
const list = (v: readonly string[] | null) => (v === null || v.length === 0 ? '(none)' : JSON.stringify(v));

function Config({ image }: { image: ImageResult }) {
  const c = image.config;
  return (
    <dl class="pg-config">
      <dt>User</dt>
      <dd class={isRoot(c.User) ? 'pg-root' : ''}>
        {isRoot(c.User) ? <strong>root{c.User === '' ? ' (USER not set)' : ` (${c.User})`}: the process runs with full rights</strong> : c.User}
      </dd>
      <dt>Workdir</dt>
      <dd><code>{c.WorkingDir === '' ? '/' : c.WorkingDir}</code></dd>
      <dt>Entrypoint</dt>
      <dd><code>{list(c.Entrypoint)}</code></dd>
      <dt>Cmd</dt>
      <dd><code>{list(c.Cmd)}</code></dd>
      <dt>Env</dt>
      <dd>{c.Env.length === 0 ? '(none)' : <ul>{c.Env.map((e) => <li key={e}><code>{e}</code></li>)}</ul>}</dd>
      <dt>Ports</dt>
      <dd>{c.ExposedPorts.length === 0 ? '(none)' : c.ExposedPorts.join(', ')}</dd>
    </dl>
  );
}

function Layers({ image }: { image: ImageResult }) {
  const layers = image.history.filter((h) => !h.emptyLayer);
  const max = Math.max(1, ...layers.map((l) => l.size));
  return (
    <table class="pg-table pg-layers">
      <caption>
        {image.layers} layers, {humanSize(image.size)} in all
      </caption>
      <thead>
        <tr><th scope="col">Layer</th><th scope="col">Size</th><th scope="col">Created by</th></tr>
      </thead>
      <tbody>
        {layers.map((l, i) => (
          <tr key={i}>
            <td>{i + 1}</td>
            <td class="pg-bar-cell">
              <span class="pg-bar" style={{ inlineSize: `${Math.max(1, (l.size / max) * 100)}%` }} aria-hidden="true" />
              <span>{humanSize(l.size)}</span>
            </td>
            <td><code>{l.createdBy}</code></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Where a file came from: the step that wrote it, and the stage it was copied from when that differs. */
function origin(file: ImageFile, result: BuildResult): string {
  if (file.fromStage === null) return 'base image';
  const writer = result.stages.find((s) => s.steps.some((step) => step.line === file.fromLine));
  const step = writer?.steps.find((s) => s.line === file.fromLine);
  if (writer === undefined || step === undefined) return `${file.fromStage}, line ${file.fromLine ?? '?'}`;
  const copied = writer.name === file.fromStage ? '' : `, from ${file.fromStage}`;
  return `${writer.name}, line ${step.line}: ${step.keyword}${copied}`;
}

function FileRow({ file, result }: { file: ImageFile; result: BuildResult }) {
  const name = file.path.slice(file.path.lastIndexOf('/') + 1);
  return (
    <li class={`pg-file${file.fromStage === null ? '' : ' pg-file-own'}`}>
      <code>{name}{file.type === 'symlink' ? ` → ${file.target ?? ''}` : ''}</code>
      <span>{file.type === 'symlink' ? 'link' : humanSize(file.size)}</span>
      <span>{owner(file.uid, file.gid)}</span>
      <span>{file.mode}</span>
      <span class="pg-origin">{origin(file, result)}</span>
    </li>
  );
}

function Dir({ dir, result }: { dir: ImageDir; result: BuildResult }) {
  const summary = dir.file?.summary;
  return (
    <details open={dir.touched}>
      <summary>
        <code>{dir.name}{dir.name === '/' ? '' : '/'}</code>
        {summary === null || summary === undefined ? null : <span class="pg-muted"> {summary.files} files, {humanSize(summary.bytes)} (summarised)</span>}
        {dir.file !== null && dir.file.fromStage !== null ? <span class="pg-origin"> {origin(dir.file, result)}</span> : null}
      </summary>
      <ul>
        {dir.dirs.map((d) => <li key={d.name}><Dir dir={d} result={result} /></li>)}
        {dir.files.map((f) => <FileRow key={f.path} file={f} result={result} />)}
      </ul>
    </details>
  );
}

export default function ImageView({ result }: { result: BuildResult }) {
  const image = result.image;
  if (image === null) return <p class="pg-muted">No image: the build did not finish.</p>;
  return (
    <div class="pg-image">
      <p>
        From stage <strong>{image.stage}</strong>, based on <code>{image.base}</code>: <strong>{humanSize(image.size)}</strong>.
      </p>
      <h4>Config</h4>
      <Config image={image} />
      <h4>Layers</h4>
      <Layers image={image} />
      <p class="pg-source">Base image size: {image.baseSizeSource}</p>
      <h4>Files</h4>
      <p class="pg-muted">Folders holding files from this Dockerfile are open. Columns: name, size, owner (uid:gid), mode, where it came from.</p>
      <div class="pg-files"><Dir dir={imageTree(image.files)} result={result} /></div>
      <h4>Left behind in other stages</h4>
      {result.leftBehind.length === 0 ? (
        <p class="pg-muted">Nothing: no other stage was built.</p>
      ) : (
        <table class="pg-table">
          <thead>
            <tr><th scope="col">Stage</th><th scope="col">Bytes not shipped</th><th scope="col">Files</th><th scope="col">Tools left behind</th></tr>
          </thead>
          <tbody>
            {result.leftBehind.map((l) => (
              <tr key={l.stage}>
                <td>{l.stage}</td>
                <td>{humanSize(l.bytes)}</td>
                <td>{l.files.toLocaleString('en')}</td>
                <td>{l.notableTools.length === 0 ? '—' : l.notableTools.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
