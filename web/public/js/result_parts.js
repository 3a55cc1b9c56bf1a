// The pieces of a result, shared by the web app's result and plan pages and
// the publisher's embed.

import { h } from './dom.js';
import { decisionWords, fitLabels, groupLabel, safetyLabels, section } from './format.js';

export function refused(assessment) {
  return assessment.decision === 'do_not_start' || assessment.decision === 'see_clinician';
}

/// Whether a plan may be made: the server says (plan_allowed); a result from
/// before it said falls back to the decisions that always refuse.
export function planAllowed(assessment) {
  return typeof assessment.plan_allowed === 'boolean' ? assessment.plan_allowed : !refused(assessment);
}

/// The decision banner, shared with the plan page.
export function decisionBanner(assessment, pack) {
  const words = decisionWords(assessment.decision, pack.pack.supplement || 'this supplement');
  // The server's sentence knows the fit and whether a plan is open.
  if (assessment.decision_text) words.text = assessment.decision_text.replace(/\s*\(trialwise [^)]*\)/g, '');
  return h('section', { class: ['decision', `decision-${words.kind}`], 'aria-labelledby': 'decision-title', 'data-decision': assessment.decision },
    h('p', { class: 'eyebrow' }, 'Decision'),
    h('h2', { id: 'decision-title' }, words.title),
    h('p', null, words.text));
}

/// What to bring to a clinician: each reason's "bring", once.
export function bringList(reasons) {
  const seen = new Set();
  const items = [];
  for (const r of reasons || []) {
    if (r.bring && !seen.has(r.bring)) {
      seen.add(r.bring);
      items.push(h('li', null, r.bring));
    }
  }
  return items.length
    ? h('section', { class: 'card bring', 'aria-labelledby': 'bring-title' },
      h('h2', { id: 'bring-title' }, 'What to bring to a clinician'),
      h('ul', null, items))
    : null;
}

export function reasonsList(reasons, title = 'Why') {
  if (!reasons || !reasons.length) return null;
  return h('section', { class: 'card', 'aria-labelledby': 'reasons-title' },
    h('h2', { id: 'reasons-title' }, title),
    h('ul', { class: 'reasons' }, reasons.map((r) => h('li', { class: `level-${r.level}` },
      h('span', { class: 'badge' }, safetyLabels[r.level] || r.level),
      ' ', r.text, ' ',
      h('cite', null, `(${section(r.section)})`)))));
}

function problemLabel(pack, answers) {
  const item = pack.questionnaire.find((q) => q.id === 'problem');
  const value = item && item.values && item.values.find((v) => v.value === answers.problem);
  return value ? value.label : null;
}

/// The result after its title: the decision first, then why (each reason
/// with its article section), what to bring to a clinician, the problem and
/// its fit, the basics to fix and what the evidence says. A refusal is as
/// clear as an approval and carries no dose.
export function resultSections(a, pack) {
  const problem = problemLabel(pack, a.answers || {});
  const isRefusal = refused(a);
  return [
    decisionBanner(a, pack),
    isRefusal ? reasonsList(a.reasons, 'Why not') : null,
    isRefusal ? bringList(a.reasons) : null,
    h('section', { class: 'card', 'aria-labelledby': 'problem-title' },
      h('h2', { id: 'problem-title' }, 'Your problem'),
      h('p', null, h('strong', null, groupLabel(pack, a.group)), ` (fit: ${fitLabels[a.fit] || a.fit})`),
      problem ? h('p', { class: 'small' }, `You said: ${problem}.`) : null,
      h('p', null, `Safety: ${safetyLabels[a.safety] || a.safety}.`),
      a.trial_limit ? h('p', { class: 'notice', id: 'trial-limit' }, `What a trial cannot show: ${a.trial_limit.text} `,
        h('cite', null, `(${section(a.trial_limit.section)})`)) : null),
    !isRefusal ? reasonsList(a.reasons, 'Take care') : null,
    !isRefusal ? bringList(a.reasons) : null,
    a.basics && a.basics.length
      ? h('section', { class: 'card', 'aria-labelledby': 'basics-title' },
        h('h2', { id: 'basics-title' }, 'Basics to fix first'),
        h('ul', null, a.basics.map((b) => h('li', null, h('strong', null, b.label), ': ', b.advice, ' ', h('cite', null, `(${section(b.section)})`)))))
      : null,
    a.evidence && a.evidence.length
      ? h('section', { class: 'card', 'aria-labelledby': 'evidence-title' },
        h('h2', { id: 'evidence-title' }, 'What the evidence says'),
        h('ul', { class: 'evidence' }, a.evidence.map((e) => h('li', { class: `strength-${e.strength}` },
          h('span', { class: 'badge' }, e.strength_label), ' ', e.claim, ' ', h('cite', null, `(${section(e.section)})`)))))
      : null,
  ];
}
