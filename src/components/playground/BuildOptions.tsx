/** @jsxImportSource preact */
/** Build options: target (from the stages), build args, builder, --no-cache, and the rebuild button. */
import { useEffect, useState } from 'preact/hooks';
import type { PlaygroundOptions } from '../../lib/share/index.ts';

interface Props {
  options: PlaygroundOptions;
  stages: readonly string[];
  onChange(options: PlaygroundOptions): void;
  onRebuild(): void;
  idPrefix: string;
}

const argsText = (args: Readonly<Record<string, string>>) => Object.entries(args).map(([k, v]) => `${k}=${v}`).join('\n');

/** `KEY=value` lines; lines without `=` or with a bad name are ignored and reported. */
function parseArgs(text: string): { args: Record<string, string>; bad: string[] } {
  const args: Record<string, string> = {};
  const bad: string[] = [];
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    if (eq < 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) bad.push(line);
    else args[key] = line.slice(eq + 1);
  }
  return { args, bad };
}

export default function BuildOptions({ options, stages, onChange, onRebuild, idPrefix }: Props) {
  const [text, setText] = useState(argsText(options.buildArgs));
  const [bad, setBad] = useState<string[]>([]);
  useEffect(() => {
    if (argsText(parseArgs(text).args) !== argsText(options.buildArgs)) setText(argsText(options.buildArgs));
  }, [options.buildArgs]);
  const targets = options.target !== null && !stages.includes(options.target) ? [...stages, options.target] : stages;

  return (
    <div class="pg-options">
      <div class="pg-field">
        <label for={`${idPrefix}-target`}>Target stage</label>
        <select id={`${idPrefix}-target`} value={options.target ?? ''} onChange={(e) => onChange({ ...options, target: e.currentTarget.value === '' ? null : e.currentTarget.value })}>
          <option value="">Last stage (default)</option>
          {targets.map((name) => (
            <option key={name} value={name}>{name}</option>
          ))}
        </select>
      </div>
      <div class="pg-field">
        <label for={`${idPrefix}-args`}>Build args <span class="pg-muted">(NAME=value, one per line)</span></label>
        <textarea
          id={`${idPrefix}-args`}
          rows={2}
          spellcheck={false}
          value={text}
          onInput={(e) => {
            const value = e.currentTarget.value;
            setText(value);
            const parsed = parseArgs(value);
            setBad(parsed.bad);
            onChange({ ...options, buildArgs: parsed.args });
          }}
        />
        {bad.length === 0 ? null : <p class="pg-problem">Ignored (not NAME=value): {bad.join(', ')}</p>}
      </div>
      <fieldset class="pg-field">
        <legend>Builder</legend>
        {(['buildkit', 'legacy'] as const).map((b) => (
          <label key={b} class="pg-inline">
            <input type="radio" name={`${idPrefix}-builder`} value={b} checked={options.builder === b} onChange={() => onChange({ ...options, builder: b })} />
            {b === 'buildkit' ? 'BuildKit' : 'Legacy builder'}
          </label>
        ))}
      </fieldset>
      <label class="pg-inline">
        <input type="checkbox" checked={options.noCache} onChange={(e) => onChange({ ...options, noCache: e.currentTarget.checked })} />
        No cache (<code>--no-cache</code>)
      </label>
      <button type="button" class="pg-primary" onClick={onRebuild}>Rebuild</button>
    </div>
  );
}
