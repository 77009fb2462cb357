import type { FaultResult } from '@fleettwin/testing';
import { BEGIN, END, failedSuites, faultTable, formatFigures, replaceBetweenMarkers, textTable } from './summary-table';

const results: FaultResult[] = [
  { scenario: 'poison-record-twin-state', group: 'faults', passed: true, figures: { 'dead-lettered': 1, 'ms until moved': 1234.567 } },
  { scenario: 'fuzz-http', group: 'fuzz', passed: false, figures: { cases: 10000, note: 'a|b' } },
];

describe('fault summary', () => {
  it('formats figures as name=value with thousands separators', () => {
    expect(formatFigures({ cases: 10000, ms: 1234.567, ok: 'yes' })).toBe('cases=10,000, ms=1,234.57, ok=yes');
  });

  it('prints one aligned row per scenario, failures in capitals', () => {
    const lines = textTable(results).split('\n');
    expect(lines[0]).toMatch(/^scenario\s+group\s+passed\s+figures$/);
    expect(lines[1]).toMatch(/^poison-record-twin-state\s+faults\s+yes\s+dead-lettered=1/);
    expect(lines[2]).toMatch(/^fuzz-http\s+fuzz\s+NO\s+cases=10,000/);
    expect(textTable([])).toMatch(/no scenario recorded/);
  });

  it('writes a markdown table between the markers and leaves the rest of the document alone', () => {
    const doc = `# Title\n\nbefore, between \`${BEGIN}\` and \`${END}\`\n${BEGIN}\nold table\n${END}\nafter\n`;
    const next = replaceBetweenMarkers(doc, faultTable(results, '2026-11-23T13:00:00Z'));
    expect(next.startsWith(`# Title\n\nbefore, between \`${BEGIN}\` and \`${END}\`\n${BEGIN}\nMeasured`)).toBe(true);
    expect(next.endsWith(`${END}\nafter\n`)).toBe(true);
    expect(next).not.toContain('old table');
    expect(next).toContain('1 of 2 scenarios passed');
    expect(next).toContain('| `fuzz-http` | fuzz | **no** | cases=10,000, note=a\\|b |');
    expect(() => replaceBetweenMarkers('no markers', 'x')).toThrow(/markers/);
    expect(faultTable(results, 'now', ['apps/x/y.fuzz.spec.ts'])).toContain('**Spec files that failed in this run** (their rows may be missing): `apps/x/y.fuzz.spec.ts`.');
    expect(faultTable(results, 'now')).not.toContain('failed in this run');
  });

  it('lists the spec files Jest did not pass', () => {
    expect(failedSuites({ numPassedTests: 1, numFailedTests: 1, numPendingTests: 0, numTotalTestSuites: 2, testResults: [{ name: '/a.fault.spec.ts', status: 'passed' }, { name: '/b.fuzz.spec.ts', status: 'failed' }] })).toEqual(['/b.fuzz.spec.ts']);
  });
});
