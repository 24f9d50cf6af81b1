/**
 * `docker inspect` / `docker image inspect` output with and without `--format` (docker/cli's
 * cli/command/inspect/inspector.go): indented JSON, compact JSON (`--format json`), or a Go
 * template run first over the typed response (moby's image.InspectResponse) and, when that fails,
 * over the raw JSON map with missingkey=error — which is why an unknown field reports
 * `map has no entry for key "Foo"`. Output, error text and exit status are docker's.
 */
import type { Result } from '../../diagnostics.ts';
import { BOOL, dynamic, executeTemplate, FUNCTION_NAMES, INT, parseTemplate, STRING, STRINGS, unbox, type GoType, type Template } from './go-template/index.ts';

const SET: GoType = { kind: 'map', name: 'map[string]struct {}', elem: { kind: 'struct', name: 'struct {}', fields: [] } };
const DURATION: GoType = { kind: 'duration' };
const HEALTHCHECK: GoType = {
  kind: 'struct',
  name: 'v1.HealthcheckConfig',
  fields: [
    { name: 'Test', json: 'Test', type: STRINGS },
    ...['Interval', 'Timeout', 'StartPeriod', 'StartInterval'].map((name) => ({ name, json: name, type: DURATION })),
    { name: 'Retries', json: 'Retries', type: INT },
  ],
};
const field = (name: string, type: GoType) => ({ name, json: name, type });

/**
 * The Go types docker decodes an image's inspect JSON into (moby api/types/image.InspectResponse,
 * docker-image-spec's DockerOCIImageConfig), limited to the fields this simulator's inspect JSON
 * has or that docker leaves out when empty; they decide how values print (`map[80/tcp:{}]`, `[]`).
 */
export const IMAGE_INSPECT_TYPE: GoType = {
  kind: 'struct',
  name: 'image.InspectResponse',
  fields: [
    { name: 'ID', json: 'Id', type: STRING },
    field('RepoTags', STRINGS),
    field('RepoDigests', STRINGS),
    field('Comment', STRING),
    field('Author', STRING),
    field('Config', {
      kind: 'ptr',
      elem: {
        kind: 'struct',
        name: 'v1.DockerOCIImageConfig',
        fields: [
          {
            name: 'ImageConfig',
            type: {
              kind: 'struct',
              name: 'v1.ImageConfig',
              fields: [
                field('User', STRING),
                field('ExposedPorts', SET),
                field('Env', STRINGS),
                field('Entrypoint', STRINGS),
                field('Cmd', STRINGS),
                field('Volumes', SET),
                field('WorkingDir', STRING),
                field('Labels', { kind: 'map', name: 'map[string]string', elem: STRING }),
                field('StopSignal', STRING),
                field('ArgsEscaped', BOOL),
              ],
            },
          },
          {
            name: 'DockerOCIImageConfigExt',
            type: {
              kind: 'struct',
              name: 'v1.DockerOCIImageConfigExt',
              fields: [field('Healthcheck', { kind: 'ptr', elem: HEALTHCHECK }), field('OnBuild', STRINGS), field('Shell', STRINGS)],
            },
          },
        ],
      },
    }),
    field('Architecture', STRING),
    field('Variant', STRING),
    field('Os', STRING),
    field('OsVersion', STRING),
    field('Size', { kind: 'int', name: 'int64' }),
    field('RootFS', { kind: 'struct', name: 'image.RootFS', fields: [field('Type', STRING), field('Layers', STRINGS)] }),
  ],
};

export interface InspectOutput {
  stdout: string;
  stderr: string;
  status: number;
}

/** One requested object: its inspect JSON, or the error docker prints for it. */
export type InspectLookup = Result<unknown, string>;

/** TemplateInspector.Inspect: the typed element first, the raw map (missingkey=error) on failure. */
function runTemplate(template: Template, doc: unknown, type: GoType): Result<string, string> {
  const typed = executeTemplate(template, { type, data: doc }, { missingKeyError: false });
  if (typed.ok) return typed;
  const raw = executeTemplate(template, unbox(dynamic(doc)), { missingKeyError: true });
  return raw.ok ? raw : { ok: false, error: `template parsing error: ${raw.error}` };
}

/** inspect.Inspect(out, refs, format, getRef): what `docker inspect [-f FORMAT]` prints for these lookups. */
export function renderInspect(format: string, lookups: readonly InspectLookup[], type: GoType = IMAGE_INSPECT_TYPE): InspectOutput {
  let template: Template | null = null;
  if (format !== '' && format !== 'json') {
    const parsed = parseTemplate(format, FUNCTION_NAMES);
    if (!parsed.ok) return { stdout: '', stderr: `template parsing error: ${parsed.error}\n`, status: 64 };
    template = parsed.value;
  }
  const errors: string[] = [];
  const docs: unknown[] = [];
  let out = '';
  for (const l of lookups) {
    if (!l.ok) errors.push(l.error);
    else if (template === null) docs.push(l.value);
    else {
      const r = runTemplate(template, l.value, type);
      if (r.ok) out += `${r.value}\n`;
      else errors.push(r.error);
    }
  }
  // The template inspector writes a newline even when nothing was printed.
  const stdout = template !== null ? (out === '' ? '\n' : out) : `${format === 'json' ? JSON.stringify(docs) : JSON.stringify(docs, null, 4)}\n`;
  return { stdout, stderr: errors.length > 0 ? `${errors.join('\n')}\n` : '', status: errors.length > 0 ? 1 : 0 };
}
