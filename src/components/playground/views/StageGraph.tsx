/** @jsxImportSource preact */
/**
 * The stage graph: one box per stage, `FROM <stage>` edges on the left, `COPY --from` edges on the
 * right, the target marked and skipped stages greyed with their reason. The SVG is decoration for
 * sighted users; the table under it says the same for screen readers.
 */
import { useId } from 'preact/hooks';
import type { BuildPlan, StageResult } from '../../../lib/build/view-api.ts';

interface Props {
  plan: BuildPlan;
  stages: readonly StageResult[];
}

const boxH = 52;
const gap = 30;
const boxX = 56;
const boxW = 248;
const width = 360;

function statusOf(index: number, plan: BuildPlan, stages: readonly StageResult[]): string {
  const stage = stages[index];
  if (stage !== undefined && stage.status !== 'skipped') return stage.status;
  const planned = plan.stages[index];
  return planned?.willBuild === false ? 'skipped' : (stage?.status ?? 'not run');
}

export default function StageGraph({ plan, stages }: Props) {
  const id = useId();
  if (plan.stages.length === 0) return <p class="pg-muted">No stages: the Dockerfile did not parse.</p>;
  const top = (i: number) => 8 + i * (boxH + gap);
  const height = top(plan.stages.length) - gap + 8;
  const edges = plan.stages.flatMap((s) =>
    s.dependsOn.filter((d) => d.stage !== null && d.kind !== 'mount-from').map((d) => ({ from: d.stage as number, to: s.index, kind: d.kind })),
  );
  return (
    <div class="pg-graph">
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} aria-hidden="true" class="pg-graph-svg">
        <defs>
          <marker id={`${id}-arrow`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" class="pg-graph-arrow" />
          </marker>
        </defs>
        {edges.map((e) => {
          const y1 = top(e.from) + boxH / 2;
          const y2 = top(e.to) + boxH / 2;
          const left = e.kind === 'from';
          const x = left ? boxX : boxX + boxW;
          // Longer edges bend further out, so edges that share a side stay apart.
          const reach = 14 + 12 * Math.min(Math.abs(e.to - e.from), 3);
          const bend = left ? boxX - reach : boxX + boxW + reach;
          return (
            <path
              key={`${e.from}-${e.to}-${e.kind}`}
              d={`M${x},${y1} C${bend},${y1} ${bend},${y2} ${x},${y2}`}
              class={`pg-graph-edge pg-graph-edge-${e.kind}`}
              marker-end={`url(#${id}-arrow)`}
            />
          );
        })}
        {plan.stages.map((s) => {
          const status = statusOf(s.index, plan, stages);
          const isTarget = plan.target?.index === s.index;
          const images = s.dependsOn.filter((d) => d.image !== null).map((d) => d.image);
          return (
            <g key={s.index} class={`pg-graph-stage pg-graph-${status}${isTarget ? ' pg-graph-target' : ''}`}>
              <rect x={boxX} y={top(s.index)} width={boxW} height={boxH} rx="6" />
              <text x={boxX + 10} y={top(s.index) + 20} class="pg-graph-name">
                {isTarget ? '★ ' : ''}
                {s.name}
                {status === 'skipped' ? ' (skipped)' : status === 'failed' ? ' (failed)' : ''}
              </text>
              <text x={boxX + 10} y={top(s.index) + 40} class="pg-graph-base">
                {`FROM ${s.base}${images.length > 0 ? ` + ${images.join(', ')}` : ''}`.slice(0, 40)}
              </text>
            </g>
          );
        })}
      </svg>
      <p class="pg-graph-legend" aria-hidden="true">
        <span>★ target</span> <span>left arrows: FROM a stage</span> <span>right arrows: COPY --from</span> <span>grey: skipped</span>
      </p>
      <div class="visually-hidden">
      <table>
        <caption>Stages in the order they appear</caption>
        <thead>
          <tr><th scope="col">Stage</th><th scope="col">Base</th><th scope="col">Status</th><th scope="col">Depends on</th></tr>
        </thead>
        <tbody>
          {plan.stages.map((s) => (
            <tr key={s.index}>
              <th scope="row">{s.name}{plan.target?.index === s.index ? ' (target)' : ''}</th>
              <td>{s.base}</td>
              <td>{statusOf(s.index, plan, stages)}{s.reason === null ? '' : `: ${s.reason}`}</td>
              <td>
                {s.dependsOn.length === 0
                  ? 'nothing'
                  : s.dependsOn.map((d) => `${d.kind === 'from' ? 'FROM' : 'COPY --from'} ${d.stage === null ? d.image : (plan.stages[d.stage]?.name ?? d.stage)} (line ${d.line})`).join('; ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      {plan.stages.some((s) => s.reason !== null) ? (
        <ul class="pg-reasons">
          {plan.stages.filter((s) => s.reason !== null).map((s) => (
            <li key={s.index}><strong>{s.name}</strong> skipped: {s.reason}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
