// The questionnaire's logic, without a page: steps of a few questions,
// which questions apply to the answers so far (applies_if, run here as the
// server runs it), and the answers as the API takes them.

import { apply, truthy } from './jsonlogic.js';
import { check, parse } from './validate.js';

const PER_STEP = 3;

/// Steps of up to three questions in the pack's order; a list question
/// (supplements) gets a step of its own.
export function buildSteps(questionnaire) {
  const steps = [];
  let current = [];
  for (const item of questionnaire) {
    if (item.type === 'array') {
      if (current.length) steps.push(current);
      steps.push([item]);
      current = [];
      continue;
    }
    current.push(item);
    if (current.length === PER_STEP) {
      steps.push(current);
      current = [];
    }
  }
  if (current.length) steps.push(current);
  return steps;
}

/// Parsed answers so far, for the applies_if rules (invalid ones left out).
export function answersForLogic(questionnaire, values) {
  const data = {};
  for (const item of questionnaire) {
    if (item.type === 'array') continue;
    const r = parse(item, values[item.id]);
    if (!r.error && r.value !== undefined) data[item.id] = r.value;
  }
  return data;
}

/// Whether `item` is asked, given the answers so far (`data`).
export function applies(item, data) {
  if (!item.applies_if) return true;
  try {
    return truthy(apply(item.applies_if, data));
  } catch (e) {
    return true; // a rule this page cannot read: ask rather than skip (the server does the same)
  }
}

/// The answers as the API takes them: applicable items only, typed; with
/// every item that does not pass its check.
export function buildAnswers(questionnaire, values) {
  const data = answersForLogic(questionnaire, values);
  const answers = {};
  const problems = [];
  for (const item of questionnaire) {
    if (!applies(item, data)) continue;
    const r = check(item, item.type === 'array' ? values[item.id] || [] : values[item.id]);
    if (r.error) problems.push({ item, result: r });
    if (r.value !== undefined) answers[item.id] = r.value;
  }
  return { answers, problems };
}
