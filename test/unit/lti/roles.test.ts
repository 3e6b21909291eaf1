import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasRole, toAppRole } from '../../../src/lti/launch/roles.js';

const V = 'http://purl.imsglobal.org/vocab/lis/v2/';

describe('LTI roles → Amphi roles', () => {
  const cases: [string[], string][] = [
    [[`${V}membership#Learner`], 'learner'],
    [[`${V}membership#Mentor`], 'learner'],
    [[`${V}institution/person#Student`], 'learner'],
    [[], 'learner'],
    [[`${V}membership#Instructor`], 'instructor'],
    [[`${V}membership#ContentDeveloper`], 'instructor'],
    [[`${V}membership/Instructor#TeachingAssistant`], 'instructor'],
    [[`${V}membership#Administrator`], 'instructor'],
    [['Instructor'], 'instructor'],
    [['Learner'], 'learner'],
    [[`${V}institution/person#Instructor`], 'learner'],
    [[`${V}system/person#Administrator`], 'admin'],
    [[`${V}institution/person#Administrator`, `${V}membership#Instructor`], 'admin'],
    [['http://example.com/vocab#Instructor'], 'learner'],
  ];
  for (const [roles, expected] of cases) {
    it(`${roles.join(' + ') || '(no role)'} → ${expected}`, () => assert.equal(toAppRole(roles), expected));
  }

  it('ranks admin over instructor over learner', () => {
    assert.ok(hasRole('admin', 'instructor'));
    assert.ok(hasRole('instructor', 'learner'));
    assert.ok(!hasRole('learner', 'instructor'));
    assert.ok(!hasRole('instructor', 'admin'));
  });
});
