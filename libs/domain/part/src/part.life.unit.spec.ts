import { defaultCustodyPolicy } from './custody-policy';
import { remainingLife } from './life-limits';
import { foldPart } from './part.events';
import { AIRLINE_A, at, certify, continued, given, install, manufacture, OEM, recorded, remove, store, usage } from './part.test-kit';

/** Life limits 1000 cycles / 5000 hours, installed on ESN-1 at 10 000 h / 4 000 cyc. */
const installed = () => recorded([manufacture({ cycles: 1000, hours: 5000 }), certify(OEM, at(1)), install(OEM, at(2), 'ESN-1', 10_000, 4_000)]);

describe('back-to-birth life accounting', () => {
  it('accumulates host usage between installation and removal', () => {
    const events = continued(installed(), [usage(OEM, at(10), 'ESN-1', 10_400, 4_100), remove(OEM, at(20), 'ESN-1', { hours: 10_600, cycles: 4_300 })]);
    expect(foldPart(events)?.consumed).toEqual({ hours: 600, cycles: 300 });
  });

  it('adds up across installations on different assets', () => {
    const events = continued(installed(), [
      remove(OEM, at(20), 'ESN-1', { hours: 10_600, cycles: 4_300 }),
      store(OEM, at(21)),
      install(OEM, at(22), 'ESN-2', 100, 50),
      remove(OEM, at(30), 'ESN-2', { hours: 300, cycles: 150 }),
    ]);
    const part = foldPart(events);
    expect(part?.consumed).toEqual({ hours: 800, cycles: 400 });
    expect(part && remainingLife(part)).toEqual({ hours: 4200, cycles: 600 });
  });

  it('warns once when a limit crosses the threshold', () => {
    given(installed()).when(usage(AIRLINE_A, at(10), 'ESN-1', 10_100, 4_900)).then([
      { type: 'UsageRecorded' },
      { type: 'LifeLimitApproaching', data: { measure: 'cycles', consumed: 900, limit: 1000, ratio: 0.9, threshold: 0.9 } },
    ]);
    const warned = continued(installed(), [usage(AIRLINE_A, at(10), 'ESN-1', 10_100, 4_900)]);
    given(warned).when(usage(AIRLINE_A, at(11), 'ESN-1', 10_200, 4_950)).then([{ type: 'UsageRecorded' }]);
  });

  it('warns on removal too, and for each limit separately', () => {
    given(installed()).when(remove(OEM, at(20), 'ESN-1', { hours: 14_600, cycles: 4_950 })).then([
      { type: 'PartRemoved' },
      { type: 'LifeLimitApproaching', data: { measure: 'hours' } },
      { type: 'LifeLimitApproaching', data: { measure: 'cycles' } },
    ]);
  });

  it('follows a configured threshold', () => {
    given(installed(), { ...defaultCustodyPolicy, lifeLimitWarningRatio: 0.5 })
      .when(usage(AIRLINE_A, at(10), 'ESN-1', 10_000, 4_500))
      .then([{ type: 'UsageRecorded' }, { type: 'LifeLimitApproaching', data: { measure: 'cycles', threshold: 0.5 } }]);
  });

  it('never warns for a part without life limits', () => {
    const unlimited = recorded([manufacture({}), certify(OEM, at(1)), install(OEM, at(2), 'ESN-1', 0, 0)]);
    given(unlimited).when(usage(AIRLINE_A, at(10), 'ESN-1', 99_999, 99_999)).then([{ type: 'UsageRecorded' }]);
  });
});
