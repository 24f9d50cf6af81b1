/** @jsxImportSource preact */
/**
 * Steps per stage: the instruction, its layer size or "no layer", cached or rebuilt and why, and
 * labels on simulated effects. Selecting a step (or stepping forward and back through the build)
 * shows the files its layer added, changed and deleted.
 */
import { humanSize, type BuildResult, type StepResult } from '../../../lib/build/view-api.ts';
import { cacheText, owner } from './format.ts';

export interface StepRef {
  stage: number;
  step: number;
}

interface Props {
  result: BuildResult;
  selected: StepRef | null;
  onSelect(step: StepRef | null): void;
}

/** Steps that ran (or were replayed from cache), in build order: what "forward" and "back" walk. */
export function buildSequence(result: BuildResult): StepRef[] {
  return result.plan.order.flatMap((stage) =>
    (result.stages[stage]?.steps ?? []).flatMap((s, step) => (s.status === 'not-run' ? [] : [{ stage, step }])),
  );
}

const opText = { add: 'added', modify: 'changed', delete: 'deleted' } as const;

function Changes({ step }: { step: StepResult }) {
  if (step.emptyLayer) return <p>No layer: <code>{step.keyword}</code> only changes the image config.</p>;
  if (step.changes.length === 0) return <p>The layer is empty: nothing was added, changed or deleted.</p>;
  return (
    // Focusable: on a phone the table scrolls sideways, and keyboard users must be able to scroll it.
    <table class="pg-table" tabindex={0}>
      <caption class="visually-hidden">Files changed by this layer</caption>
      <thead>
        <tr><th scope="col">Path</th><th scope="col">Change</th><th scope="col">Size</th><th scope="col">Owner</th><th scope="col">Mode</th></tr>
      </thead>
      <tbody>
        {step.changes.map((c) => (
          <tr key={c.path} class={`pg-change-${c.op}`}>
            <td><code>{c.path}{c.type === 'dir' ? '/' : ''}</code></td>
            <td>{opText[c.op]}</td>
            <td>{c.op === 'delete' ? '—' : humanSize(c.size)}</td>
            <td>{owner(c.uid, c.gid)}</td>
            <td>{c.mode ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function StepsView({ result, selected, onSelect }: Props) {
  const sequence = buildSequence(result);
  const at = selected === null ? -1 : sequence.findIndex((r) => r.stage === selected.stage && r.step === selected.step);
  const current = at < 0 ? null : sequence[at];
  const currentStage = current === null || current === undefined ? null : result.stages[current.stage];
  const currentStep = current === null || current === undefined ? undefined : currentStage?.steps[current.step];
  return (
    <div class="pg-steps">
      <div class="pg-stepper" role="group" aria-label="Step through the build">
        <button type="button" disabled={at <= 0} onClick={() => onSelect(sequence[at - 1] ?? null)}>◀ Back</button>
        <button type="button" disabled={at >= sequence.length - 1} onClick={() => onSelect(sequence[at + 1] ?? null)}>Forward ▶</button>
        <span class="pg-muted" aria-live="polite">
          {current === null || current === undefined ? `${sequence.length} steps ran` : `Step ${at + 1} of ${sequence.length}`}
        </span>
      </div>
      {currentStep === undefined || currentStage === null || currentStage === undefined ? null : (
        <div class="pg-step-detail" aria-live="polite">
          <h4>
            {currentStage.name}, line {currentStep.line}: <code>{currentStep.instruction}</code>
          </h4>
          <Changes step={currentStep} />
          {currentStep.stdout + currentStep.stderr === '' ? null : <pre class="pg-output">{currentStep.stdout + currentStep.stderr}</pre>}
        </div>
      )}
      {result.stages.map((stage) => (
        <div key={stage.index} class={`pg-stage pg-stage-${stage.status}`}>
          <h4>
            Stage {stage.name} <span class="pg-muted">FROM {stage.base}</span> <span class={`pg-badge pg-badge-${stage.status}`}>{stage.status}</span>
          </h4>
          {stage.status === 'skipped' ? (
            <p class="pg-muted">Skipped{stage.reason === null ? '' : `: ${stage.reason}`}.</p>
          ) : (
            <table class="pg-table">
              <caption class="visually-hidden">Steps of stage {stage.name}</caption>
              <thead>
                <tr><th scope="col">Line</th><th scope="col">Instruction</th><th scope="col">Layer</th><th scope="col">Cache</th></tr>
              </thead>
              <tbody>
                {stage.steps.map((step, i) => {
                  const isSelected = current?.stage === stage.index && current.step === i;
                  return (
                    <tr key={i} class={`pg-step pg-step-${step.status}${isSelected ? ' pg-selected' : ''}`}>
                      <td>{step.line}</td>
                      <td>
                        <button
                          type="button"
                          class="pg-link-button"
                          aria-pressed={isSelected}
                          disabled={step.status === 'not-run'}
                          onClick={() => onSelect(isSelected ? null : { stage: stage.index, step: i })}
                        >
                          <code>{step.instruction}</code>
                        </button>
                        {step.effects.map((e, j) => (
                          <span key={j} class="pg-label" title={e.detail}>{e.label}: {e.by}</span>
                        ))}
                      </td>
                      <td>{step.emptyLayer ? 'no layer' : humanSize(step.size)}</td>
                      <td class={step.cached ? 'pg-cached' : 'pg-rebuilt'}>{cacheText(step)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </div>
      ))}
    </div>
  );
}
