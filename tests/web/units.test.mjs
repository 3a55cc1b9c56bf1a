// The web app's pure modules, without a browser: the JsonLogic evaluator the
// check uses for applies_if (against the official conformance suite and the
// json-logic-js edge cases in libs/rules/tests/data/) and the answer checks.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// web/public/js holds browser modules without a package.json of their own:
// load each as an ES module from its text, its relative imports inlined the
// same way (a data: module cannot resolve a relative path).
function moduleUrl(rel) {
  const text = readFileSync(path.join(root, 'web/public/js', rel), 'utf8')
    .replace(/from '\.\/([\w-]+\.js)'/g, (_, dep) => `from ${JSON.stringify(moduleUrl(dep))}`);
  return `data:text/javascript,${encodeURIComponent(text)}`;
}
async function browserModule(rel) {
  return import(moduleUrl(rel));
}

const { apply, truthy } = await browserModule('jsonlogic.js');
const { check, parse } = await browserModule('validate.js');
const pack = JSON.parse(readFileSync(path.join(root, 'packs/glutamine.json'), 'utf8'));

// The operators the check's evaluator leaves out: no pack rule that decides
// whether a question is asked needs them (a pack that did would be asked
// every question, as the server does when it cannot read a rule).
const NOT_IMPLEMENTED = new Set(['substr', 'map', 'filter', 'reduce', 'log']);

function operators(rule, out = new Set()) {
  if (Array.isArray(rule)) rule.forEach((r) => operators(r, out));
  else if (rule && typeof rule === 'object' && Object.keys(rule).length === 1) {
    const [op] = Object.keys(rule);
    out.add(op);
    operators(rule[op], out);
  }
  return out;
}

for (const file of ['jsonlogic_conformance.json', 'jsonlogic_js_edge_cases.json']) {
  test(`JsonLogic evaluator agrees with ${file}`, () => {
    const cases = JSON.parse(readFileSync(path.join(root, 'libs/rules/tests/data', file), 'utf8')).filter(Array.isArray);
    let compared = 0;
    for (const [rule, data, expected] of cases) {
      const ops = operators(rule);
      if ([...ops].some((op) => NOT_IMPLEMENTED.has(op))) {
        assert.throws(() => apply(rule, data), /unknown operator/, JSON.stringify(rule));
        continue;
      }
      const got = JSON.parse(JSON.stringify(apply(rule, data) ?? null));
      assert.deepEqual(got, expected, `${JSON.stringify(rule)} on ${JSON.stringify(data)}`);
      compared += 1;
    }
    assert.ok(compared > 200, `${compared} cases compared`);
  });
}

test('every applies_if in the pack uses operators the evaluator has', () => {
  for (const item of pack.questionnaire) {
    if (!item.applies_if) continue;
    for (const op of operators(item.applies_if)) assert.ok(!NOT_IMPLEMENTED.has(op), `${item.id} uses ${op}`);
  }
  const rest = pack.questionnaire.find((q) => q.id === 'rest_days_per_week');
  assert.equal(truthy(apply(rest.applies_if, { training_hours_per_week: 9 })), true);
  assert.equal(truthy(apply(rest.applies_if, { training_hours_per_week: 0 })), false);
  assert.equal(truthy(apply(rest.applies_if, {})), false);
});

test('answer checks name what is wrong and what to enter', () => {
  const item = (id) => pack.questionnaire.find((q) => q.id === id);
  assert.deepEqual(parse(item('age'), '300'), { error: '300 years is out of range: enter a number between 0 and 120 years.' });
  assert.deepEqual(parse(item('age'), '29.5'), { error: 'Enter a whole number, between 0 and 120 years.' });
  assert.deepEqual(parse(item('age'), ' 29 '), { value: 29 });
  assert.deepEqual(parse(item('sleep_hours'), '7,5'), { value: 7.5 });
  assert.deepEqual(check(item('age'), ''), { error: 'Please fill this in (between 0 and 120 years).' });
  assert.deepEqual(check(item('problem'), undefined), { error: 'Please choose one of the options.' });
  assert.deepEqual(check(item('problem'), 'hangover'), { error: 'Choose one of the options.' });
  assert.deepEqual(check(item('pregnant'), false), { value: false });
  const list = check(item('supplements'), [{ name: '', contains_glutamine: 'amount_given', glutamine_g_per_serving: '-1', servings_per_day: '2' }]);
  assert.equal(list.error, 'Fix the entries marked below.');
  assert.match(list.errors[0].name, /Please fill this in/);
  assert.match(list.errors[0].glutamine_g_per_serving, /out of range/);
  const ok = check(item('supplements'), [{ name: 'Blend', contains_glutamine: 'amount_given', glutamine_g_per_serving: '2.5', servings_per_day: '1' }]);
  assert.deepEqual(ok.value, [{ name: 'Blend', contains_glutamine: 'amount_given', glutamine_g_per_serving: 2.5, servings_per_day: 1, third_party_tested: false }]);
  // Contract v2: a blend without an amount is not asked for one, and sends none (never a silent 0 g).
  const blend = check(item('supplements'), [{ name: 'Blend', contains_glutamine: 'no_amount', glutamine_g_per_serving: '3', servings_per_day: '1' }]);
  assert.deepEqual(blend.value, [{ name: 'Blend', contains_glutamine: 'no_amount', servings_per_day: 1, third_party_tested: false }]);
  const unsaid = check(item('supplements'), [{ name: 'Blend', servings_per_day: '1' }]);
  assert.match(unsaid.errors[0].contains_glutamine, /choose one of the options/i);
});

test('the questionnaire in steps, with questions asked only when they apply', async () => {
  const { answersForLogic, applies, buildAnswers, buildSteps } = await browserModule('questionnaire.js');
  const steps = buildSteps(pack.questionnaire);
  assert.equal(steps.flat().length, pack.questionnaire.length, 'every question in one step');
  for (const step of steps) {
    assert.ok(step.length >= 1 && step.length <= 3, 'at most three questions a step');
    if (step.some((q) => q.type === 'array')) assert.equal(step.length, 1, 'a list question has a step of its own');
  }
  const rest = pack.questionnaire.find((q) => q.id === 'rest_days_per_week');
  // Asked on both sides of its rule: no training, no question; any training, asked.
  assert.equal(applies(rest, answersForLogic(pack.questionnaire, { training_hours_per_week: '0' })), false);
  assert.equal(applies(rest, answersForLogic(pack.questionnaire, { training_hours_per_week: '0.5' })), true);
  // A value that does not parse is left out of the rule's data, not read as 0.
  assert.deepEqual(answersForLogic(pack.questionnaire, { age: 'old', sleep_hours: '7,5' }), { sleep_hours: 7.5 });
  // The answers sent leave out a question that does not apply, and name every problem.
  const { answers, problems } = buildAnswers(pack.questionnaire, { training_hours_per_week: '0', rest_days_per_week: '2', age: '29' });
  assert.equal('rest_days_per_week' in answers, false);
  assert.equal(answers.age, 29);
  assert.ok(problems.some((p) => p.item.id === 'problem'), 'an unanswered required question is a problem');
  assert.equal(problems.some((p) => p.item.id === 'rest_days_per_week'), false);
});
