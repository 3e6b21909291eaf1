import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDuration, parseTimestamp } from '../../../../src/lrs/statements/validation/iso8601.js';
import { accepts, rejects, withChange } from './statement-fixtures.js';

describe('ISO 8601 timestamps (Data 4.5)', () => {
  it('reads extended and basic forms, with or without fraction, as the same instant', () => {
    const instant = Date.parse('2008-09-15T15:53:00.601Z');
    for (const ts of ['2008-09-15T15:53:00.601Z', '2008-09-15T15:53:00.601+00:00', '2008-09-15T17:53:00.601+02:00', '2008-09-15T17:53:00.601+0200', '2008-09-15T10:53:00.601-05', '20080915T155300.601Z', '20080915T175300.601+0200', '2008-09-15T15:53:00,601Z', '2008-09-15T15:53:00.601999Z']) {
      assert.equal(parseTimestamp(ts)?.epochMs, instant, ts);
    }
    assert.equal(parseTimestamp('2023-05-04T12:00:00-05:00')?.epochMs, Date.parse('2023-05-04T17:00:00.000Z'));
    assert.equal(parseTimestamp('2015-01-01T12:30Z')?.epochMs, Date.parse('2015-01-01T12:30:00Z'));
  });

  it('reads a timestamp without zone as UTC and says so', () => {
    assert.deepEqual(parseTimestamp('2015-01-01T12:30:00'), { epochMs: Date.parse('2015-01-01T12:30:00Z'), hasZone: false });
  });

  it('refuses other strings, impossible dates and the "unknown offset" forms -00, -0000, -00:00', () => {
    const bad = ['', 'should fail', '01/011/2015', '2015-01-01', '2015-01-01 12:00:00Z', '2015-13-01T00:00:00Z', '2015-02-29T00:00:00Z', '2015-01-01T24:00:00Z', '2015-01-01T12:60:00Z', '2015-01-01T12:00:00.Z', '2015-01-01T12:00:00+25:00', '2015-01-01T12:00:00Zjunk', '2008-09-15T15:53:00.601-00', '2008-09-15T15:53:00.601-0000', '2008-09-15T15:53:00.601-00:00', '2015-0101T12:00:00Z'];
    for (const ts of bad) assert.equal(parseTimestamp(ts), undefined, ts);
    assert.ok(parseTimestamp('2016-02-29T00:00:00Z'), 'leap day');
  });

  it('applies to timestamp and stored, in statements and SubStatements; future times are fine', () => {
    rejects(withChange((s) => { s.timestamp = '2008-09-15T15:53:00.601-00:00'; }), 'statement.timestamp');
    rejects(withChange((s) => { s.stored = 'yesterday'; }), 'statement.stored');
    rejects(withChange((s) => { s.timestamp = 20240101; }), 'statement.timestamp');
    accepts(withChange((s) => { s.timestamp = new Date(Date.now() + 5 * 365 * 86400_000).toISOString(); }));
    const sub = withChange((s) => { s.object = { objectType: 'SubStatement', actor: s.actor, verb: s.verb, object: { id: 'http://example.com/a' }, timestamp: '01/011/2015' }; });
    rejects(sub, 'statement.object.timestamp');
  });

  it('a zone is optional in 1.0.3 (SHOULD*) and required in 2.0', () => {
    const noZone = withChange((s) => { s.timestamp = '2024-03-01T10:15:30.123'; });
    accepts(noZone, '1.0.3');
    rejects(noZone, 'statement.timestamp', '2.0.0');
    accepts(withChange((s) => { s.timestamp = '2008-09-15T15:53:00.601+00:00'; }), '2.0.0');
  });
});

describe('ISO 8601 durations (Data 4.6)', () => {
  it('accepts the §4.4.3.2 format', () => {
    for (const d of ['PT1H0M0.1S', 'PT4H35M59.14S', 'PT16559.14S', 'P3Y1M29DT4H35M59.14S', 'P3Y', 'P4W', 'P1DT12H36M0.12567S', 'PT0S', 'P0D', 'PT1,5S', 'P1.5Y']) {
      assert.ok(isDuration(d), d);
    }
  });

  it('refuses other strings, the alternative format, weeks with other units and misplaced fractions', () => {
    for (const d of ['', 'P', 'PT', 'P1DT', 'PA1H0M0S', 'should fail', 'P4W1D', 'P0003-01-29T04:35:59', 'PT1S1M', 'P1M1Y', 'PT1.5M3S', 'PT.5S', 'PT5.S', 'P1H', 'pt1s', '1H']) {
      assert.ok(!isDuration(d), d);
    }
  });

  it('applies to result.duration', () => {
    rejects(withChange((s) => { s.result.duration = 'P4W1D'; }), 'statement.result.duration');
    rejects(withChange((s) => { s.result.duration = 12345; }), 'statement.result.duration');
    rejects(withChange((s) => { s.result.duration = { key: 'invalid' }; }), 'statement.result.duration');
  });
});
