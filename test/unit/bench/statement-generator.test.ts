import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StatementGenerator } from '../../../bench/lrs/statement-generator.js';
import { VERBS } from '../../../bench/lrs/learning-traces.js';
import { validateStatement } from '../../../src/lrs/statements/validation/statement.validate.js';
import { statementRow } from '../../../src/lrs/statements/statement-row.js';
import type { StoredStatement } from '../../../src/lrs/xapi/xapi.types.js';

describe('the LRS benchmark statement generator', () => {
  const options = { seed: 42, expectedStatements: 20_000 };
  const sample = new StatementGenerator(options).take(20_000);

  it('is deterministic: the same seed gives the same statements, another seed others', () => {
    assert.deepEqual(new StatementGenerator(options).take(20_000), sample);
    const other = new StatementGenerator({ ...options, seed: 43 }).take(100);
    assert.notDeepEqual(other, sample.slice(0, 100));
    assert.deepEqual(StatementGenerator.queries(new StatementGenerator({ seed: 42 }).world, 50), StatementGenerator.queries(new StatementGenerator({ seed: 42 }).world, 50));
  });

  it('gives statements that the LRS accepts as xAPI 1.0.3, each with its own id', () => {
    for (const statement of sample) validateStatement(JSON.parse(JSON.stringify(statement)), { version: '1.0.3' });
    assert.equal(new Set(sample.map((s) => s.id)).size, sample.length);
  });

  it('mixes video, classroom and Moodle traces of pseudonymous learners over one semester, in time order', () => {
    const { world } = new StatementGenerator(options);
    assert.equal(world.courses.length, 40);
    assert.ok(world.courses.every((c) => c.learners.length === 60));
    const verbs = new Map<string, number>();
    for (const s of sample) verbs.set(s.verb.id, (verbs.get(s.verb.id) ?? 0) + 1);
    for (const verb of Object.values(VERBS)) assert.ok(verbs.has(verb), `no ${verb}`);
    const share = (...ids: string[]) => ids.reduce((n, id) => n + (verbs.get(id) ?? 0), 0) / sample.length;
    const video = share(VERBS.played, VERBS.paused, VERBS.seeked, VERBS.initialized);
    const classroom = share(VERBS.joined, VERBS.left, VERBS.raisedHand);
    const moodle = share(VERBS.viewed, VERBS.answered, VERBS.attempted, VERBS.scored);
    assert.ok(video > 0.3 && classroom > 0.05 && moodle > 0.3, JSON.stringify({ video, classroom, moodle }));

    let previous = '';
    for (const s of sample) {
      assert.ok(s.timestamp! >= previous, 'a live feed: in timestamp order');
      previous = s.timestamp!;
      assert.deepEqual(Object.keys(s.actor).sort(), ['account', 'objectType']);
      assert.equal(s.actor.account!.homePage, world.issuer);
      assert.match(s.actor.account!.name, /^\d+$/);
      const at = Date.parse(s.timestamp!);
      assert.ok(at >= world.start && at <= world.end, s.timestamp);
    }
    // Spread over the semester: the last statements are in its last week; weekdays busier than weekends.
    assert.ok(Date.parse(sample.at(-1)!.timestamp!) > world.end - 7 * 86_400_000);
    const byDay = [0, 0, 0, 0, 0, 0, 0];
    for (const s of sample) byDay[new Date(s.timestamp!).getUTCDay()]!++;
    assert.ok(byDay[3]! > 1.5 * byDay[0]!, JSON.stringify(byDay));
    const moodleStatement = sample.find((s) => s.verb.id === VERBS.answered)!;
    assert.equal(moodleStatement.context?.platform, 'Moodle');
    assert.equal(moodleStatement.context?.contextActivities?.grouping?.[0]?.id, world.issuer);
    assert.match(moodleStatement.context!.contextActivities!.parent!.at(-1)!.id, /\/course\/view\.php\?id=\d+$/);
    const scored = sample.find((s) => s.verb.id === VERBS.completed && s.result?.score)!;
    assert.ok(scored.result!.score!.max! > 0 && scored.result!.score!.scaled! <= 1);
    const played = sample.find((s) => s.verb.id === VERBS.played)!;
    assert.equal(typeof played.result?.extensions?.['https://w3id.org/xapi/video/extensions/time'], 'number');
    assert.ok(played.context?.extensions?.['https://w3id.org/xapi/video/extensions/session-id']);
    // Learners are not equally active: a realistic agent filter is sometimes selective, sometimes not.
    const perActor = new Map<string, number>();
    for (const s of sample) perActor.set(s.actor.account!.name, (perActor.get(s.actor.account!.name) ?? 0) + 1);
    const counts = [...perActor.values()].sort((a, b) => a - b);
    assert.ok(counts.at(-1)! > 5 * counts[counts.length >> 1]!);
  });

  it('gives queries on agents, verbs and dates that the data holds', () => {
    const { world } = new StatementGenerator({ seed: 42 });
    const queries = StatementGenerator.queries(world, 200);
    const learners = new Set(world.learners.map((l) => l.id));
    assert.ok(queries.every((q) => q.agent.account!.homePage === world.issuer && learners.has(q.agent.account!.name)));
    // Agents are drawn by activity, as the statements are: most asked-about agents have statements early on.
    const agents = new Set(sample.map((s) => s.actor.account!.name));
    assert.ok(queries.filter((q) => agents.has(q.agent.account!.name)).length > 150);
    assert.ok(queries.every((q) => Date.parse(q.since) >= world.start && Date.parse(q.since) < world.end));
    assert.ok(new Set(queries.map((q) => q.verb)).size >= 6);
  });

  it('gives rows the store can write (statementRow)', () => {
    const stored: StoredStatement = {
      ...sample[0]!, id: sample[0]!.id!, timestamp: sample[0]!.timestamp!, stored: new Date().toISOString(), version: '1.0.3',
      authority: { objectType: 'Agent', account: { homePage: 'https://amphi.example/xapi', name: 'amphi_x' } },
    };
    const row = statementRow('platform-1', stored, null);
    assert.equal(row.actor_key, `account:${sample[0]!.actor.account!.homePage}|${sample[0]!.actor.account!.name}`);
    assert.equal(row.verb_id, sample[0]!.verb.id);
  });
});
