import { useState, type Dispatch, type FormEvent, type ReactNode, type SetStateAction } from 'react';
import { useSignedIn } from '../../app/session-context';
import { describeError } from '../../ui/Async';
import { planRequest, type PlanForm } from './plan-settings';
import type { PlanView } from './plan-types';

type SiteField = keyof PlanForm['sites'][number];
const SITE_FIELDS: readonly [SiteField, string][] = [['siteId', 'site id'], ['slotsPerWeek', 'slots per week'], ['hoursPerWeek', 'hours per week'], ['costPerHour', 'cost per hour'], ['spares', 'spare engines']];

/**
 * Plans the tenant's open work orders over the shops given here (or the tenant's stored settings).
 * The form's state is the parent's, so a re-plan can use the same settings.
 */
export function PlanFormPanel({ form, setForm, onCreated }: { form: PlanForm; setForm: Dispatch<SetStateAction<PlanForm>>; onCreated: (plan: PlanView) => void }) {
  const { api } = useSignedIn();
  const [errors, setErrors] = useState<string[]>([]);
  const [solving, setSolving] = useState(false);
  const set = <K extends keyof PlanForm>(key: K, value: PlanForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setSite = (i: number, field: SiteField, value: string) => setForm((f) => ({ ...f, sites: f.sites.map((s, j) => (j === i ? { ...s, [field]: value } : s)) }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const built = planRequest(form);
    if (!built.ok) return setErrors(built.errors);
    setErrors([]);
    setSolving(true);
    try {
      onCreated(await api.post<PlanView>('/v1/plans', built.body));
    } catch (failure) {
      setErrors([describeError(failure)]);
    } finally {
      setSolving(false);
    }
  };

  return (
    <form className="panel plan-form" onSubmit={(e) => void submit(e)} aria-labelledby="new-plan" noValidate>
      <h2 id="new-plan">New plan</h2>
      <div className="form-row">
        <Field label="Plan id"><input value={form.planId} onChange={(e) => set('planId', e.target.value)} placeholder="generated" /></Field>
        <label className="check"><input type="checkbox" checked={form.useStored} onChange={(e) => set('useStored', e.target.checked)} /> use the tenant’s stored settings</label>
      </div>
      {form.useStored ? null : (
        <>
          <div className="form-row">
            <Field label="Starts on (Monday)"><input type="date" value={form.startsOn} onChange={(e) => set('startsOn', e.target.value)} /></Field>
            <Field label="Weeks"><input inputMode="numeric" value={form.weeks} onChange={(e) => set('weeks', e.target.value)} /></Field>
            <Field label="Ferry days each way"><input inputMode="decimal" value={form.ferryDays} onChange={(e) => set('ferryDays', e.target.value)} placeholder="no ferries" /></Field>
            <Field label="Ferry cost (round trip)"><input inputMode="decimal" value={form.ferryCost} onChange={(e) => set('ferryCost', e.target.value)} /></Field>
            <Field label="Aircraft grounded at most"><input inputMode="numeric" value={form.maxAssetsDown} onChange={(e) => set('maxAssetsDown', e.target.value)} placeholder="0" /></Field>
            <Field label="Solver time limit (s)"><input inputMode="decimal" value={form.timeLimitSeconds} onChange={(e) => set('timeLimitSeconds', e.target.value)} /></Field>
          </div>
          <table className="dense sites-table">
            <caption>Shops (the first is every asset’s home base)</caption>
            <thead><tr><th scope="col">site</th><th scope="col">slots / week</th><th scope="col">hours / week</th><th scope="col">cost / hour</th><th scope="col">spare engines</th><th scope="col"><span className="sr-only">remove</span></th></tr></thead>
            <tbody>
              {form.sites.map((s, i) => (
                <tr key={i}>
                  {SITE_FIELDS.map(([field, label]) => (
                    <td key={field}><input aria-label={`Site ${i + 1} ${label}`} value={s[field]} onChange={(e) => setSite(i, field, e.target.value)} /></td>
                  ))}
                  <td><button type="button" onClick={() => set('sites', form.sites.filter((_, j) => j !== i))} aria-label={`Remove site ${i + 1}`} disabled={form.sites.length === 1}>×</button></td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" onClick={() => set('sites', [...form.sites, { siteId: `MRO-${form.sites.length + 1}`, slotsPerWeek: '1', hoursPerWeek: '1000', costPerHour: '100', spares: '0' }])}>Add site</button>
        </>
      )}
      {errors.length ? <ul className="error" role="alert">{errors.map((e) => <li key={e}>{e}</li>)}</ul> : null}
      <div><button type="submit" className="primary" disabled={solving}>{solving ? 'Solving…' : 'Create plan'}</button></div>
    </form>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return <label className="field"><span>{label}</span>{children}</label>;
}
