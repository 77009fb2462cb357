import { useState, type FormEvent, type ReactNode } from 'react';
import { useSignedIn } from '../../app/session-context';
import { describeError } from '../../ui/Async';
import { EMPTY_SCENARIO_FORM, scenarioRequest, type ScenarioForm } from './scenario-form';
import { CLIMATES, ROUTES, type Scenario } from './scenario-types';

/** Runs a new scenario for some assets or a fleet subset; hands the stored scenario back. */
export function ScenarioFormPanel({ onCreated, initialAssetIds = '' }: { onCreated: (scenario: Scenario) => void; initialAssetIds?: string }) {
  const { api } = useSignedIn();
  const [form, setForm] = useState<ScenarioForm>({ ...EMPTY_SCENARIO_FORM, assetIds: initialAssetIds });
  const [errors, setErrors] = useState<string[]>([]);
  const [running, setRunning] = useState(false);
  const set = <K extends keyof ScenarioForm>(key: K, value: ScenarioForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setIn = <K extends 'current' | 'profile' | 'deferral' | 'partSwap'>(key: K, field: keyof ScenarioForm[K], value: string | boolean) => setForm((f) => ({ ...f, [key]: { ...f[key], [field]: value } }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const built = scenarioRequest(form);
    if (!built.ok) return setErrors(built.errors);
    setErrors([]);
    setRunning(true);
    try {
      onCreated(await api.post<Scenario>('/v1/scenarios', built.body));
    } catch (failure) {
      setErrors([describeError(failure)]);
    } finally {
      setRunning(false);
    }
  };

  return (
    <form className="panel scenario-form" onSubmit={(e) => void submit(e)} aria-labelledby="new-scenario" noValidate>
      <h2 id="new-scenario">New scenario</h2>
      <Field label="Name"><input value={form.name} onChange={(e) => set('name', e.target.value)} placeholder="derate 10 % over the summer" /></Field>
      <fieldset>
        <legend>Assets</legend>
        <div className="segmented" role="radiogroup" aria-label="Select assets by">
          {(['ids', 'filter'] as const).map((s) => <button key={s} type="button" role="radio" aria-checked={form.selection === s} onClick={() => set('selection', s)}>{s === 'ids' ? 'By id' : 'Fleet subset'}</button>)}
        </div>
        {form.selection === 'ids' ? (
          <Field label="Asset ids"><textarea rows={2} value={form.assetIds} onChange={(e) => set('assetIds', e.target.value)} placeholder="ESN-100000, ESN-100001" /></Field>
        ) : (
          <div className="form-row">
            <Field label="Min P(failure)"><input inputMode="decimal" value={form.minFailureProbability} onChange={(e) => set('minFailureProbability', e.target.value)} placeholder="0.2" /></Field>
            <Field label="Max mean RUL"><input inputMode="decimal" value={form.maxRulMean} onChange={(e) => set('maxRulMean', e.target.value)} placeholder="80" /></Field>
            <Field label="At most"><input inputMode="numeric" value={form.limit} onChange={(e) => set('limit', e.target.value)} /></Field>
          </div>
        )}
      </fieldset>
      <fieldset>
        <legend>Operating profile today</legend>
        <div className="form-row">
          <Field label="Derate today (%)"><input inputMode="decimal" value={form.current.deratePercent} onChange={(e) => setIn('current', 'deratePercent', e.target.value)} /></Field>
          <Field label="Climate today"><select value={form.current.climate} onChange={(e) => setIn('current', 'climate', e.target.value)}>{CLIMATES.map((c) => <option key={c}>{c}</option>)}</select></Field>
          <Field label="Route today"><select value={form.current.route} onChange={(e) => setIn('current', 'route', e.target.value)}>{ROUTES.map((r) => <option key={r}>{r}</option>)}</select></Field>
          <Field label="Cycles per day today"><input inputMode="decimal" value={form.current.cyclesPerDay} onChange={(e) => setIn('current', 'cyclesPerDay', e.target.value)} /></Field>
          <Field label="Hours per cycle today"><input inputMode="decimal" value={form.current.hoursPerCycle} onChange={(e) => setIn('current', 'hoursPerCycle', e.target.value)} /></Field>
        </div>
      </fieldset>
      <fieldset>
        <legend>Change: operating profile (blank = as today)</legend>
        <div className="form-row">
          <Field label="Derate (%)"><input inputMode="decimal" value={form.profile.deratePercent} onChange={(e) => setIn('profile', 'deratePercent', e.target.value)} placeholder="e.g. 15" /></Field>
          <Field label="Ambient temperature change (°C)"><input inputMode="decimal" value={form.profile.ambientDeltaC} onChange={(e) => setIn('profile', 'ambientDeltaC', e.target.value)} placeholder="e.g. +8" /></Field>
          <Field label="Climate"><select value={form.profile.climate} onChange={(e) => setIn('profile', 'climate', e.target.value)}><option value="">as today</option>{CLIMATES.map((c) => <option key={c}>{c}</option>)}</select></Field>
          <Field label="Route"><select value={form.profile.route} onChange={(e) => setIn('profile', 'route', e.target.value)}><option value="">as today</option>{ROUTES.map((r) => <option key={r}>{r}</option>)}</select></Field>
          <Field label="Duty (cycles per day)"><input inputMode="decimal" value={form.profile.cyclesPerDay} onChange={(e) => setIn('profile', 'cyclesPerDay', e.target.value)} /></Field>
        </div>
      </fieldset>
      <fieldset>
        <legend><label className="check"><input type="checkbox" checked={form.deferral.enabled} onChange={(e) => setIn('deferral', 'enabled', e.target.checked)} /> Defer a work order</label></legend>
        {form.deferral.enabled ? (
          <div className="form-row">
            <Field label="Work order id"><input value={form.deferral.workOrderId} onChange={(e) => setIn('deferral', 'workOrderId', e.target.value)} placeholder="optional" /></Field>
            <Field label="Due in (cycles)"><input inputMode="decimal" value={form.deferral.dueInCycles} onChange={(e) => setIn('deferral', 'dueInCycles', e.target.value)} /></Field>
            <Field label="Defer by (days)"><input inputMode="decimal" value={form.deferral.deferDays} onChange={(e) => setIn('deferral', 'deferDays', e.target.value)} /></Field>
          </div>
        ) : null}
      </fieldset>
      <fieldset>
        <legend><label className="check"><input type="checkbox" checked={form.partSwap.enabled} onChange={(e) => setIn('partSwap', 'enabled', e.target.checked)} /> Swap a part</label></legend>
        {form.partSwap.enabled ? (
          <div className="form-row">
            <Field label="Component"><input value={form.partSwap.component} onChange={(e) => setIn('partSwap', 'component', e.target.value)} placeholder="HPC module" /></Field>
            <Field label="In (cycles)"><input inputMode="decimal" value={form.partSwap.inCycles} onChange={(e) => setIn('partSwap', 'inCycles', e.target.value)} /></Field>
            <Field label="Restored share (0–1)"><input inputMode="decimal" value={form.partSwap.restoreFraction} onChange={(e) => setIn('partSwap', 'restoreFraction', e.target.value)} /></Field>
          </div>
        ) : null}
      </fieldset>
      <details>
        <summary>Monte Carlo settings</summary>
        <div className="form-row">
          <Field label="Seed"><input inputMode="numeric" value={form.seed} onChange={(e) => set('seed', e.target.value)} placeholder="random" /></Field>
          <Field label="Draws"><input inputMode="numeric" value={form.draws} onChange={(e) => set('draws', e.target.value)} /></Field>
          <Field label="Horizon (cycles)"><input inputMode="numeric" value={form.horizonCycles} onChange={(e) => set('horizonCycles', e.target.value)} /></Field>
          <Field label="Months"><input inputMode="numeric" value={form.months} onChange={(e) => set('months', e.target.value)} /></Field>
        </div>
      </details>
      {errors.length ? <ul className="error" role="alert">{errors.map((e) => <li key={e}>{e}</li>)}</ul> : null}
      <button type="submit" className="primary" disabled={running}>{running ? 'Running…' : 'Run scenario'}</button>
    </form>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return <label className="field"><span>{label}</span>{children}</label>;
}
