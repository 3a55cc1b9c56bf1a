// The result page: the decision first, then why (result_parts.js), and what
// to do next: plan the trial, or change an answer.

import { h, replace } from '../dom.js';
import { planAllowed, refused, resultSections } from '../result_parts.js';
import { keys, load } from '../state.js';

export async function render(main, { pack }) {
  const assessment = load(keys.assessment, null);
  if (!assessment) {
    replace(main,
      h('h1', { tabindex: '-1' }, 'Your result'),
      h('p', null, 'There is no result yet. ', h('a', { href: '#/check' }, 'Take the check'), ' first: it takes a few minutes.'));
    return;
  }
  const a = assessment;
  const next = refused(a)
    ? h('div', { class: 'actions' },
      h('a', { class: 'button secondary', href: '#/check' }, 'Change an answer'))
    : a.decision === 'trial_ok'
      ? h('div', { class: 'actions' },
        h('a', { class: 'button primary', href: '#/plan' }, 'Plan the trial'),
        h('a', { class: 'button secondary', href: '#/check' }, 'Change an answer'))
      : h('div', { class: 'actions' },
        h('a', { class: 'button primary', href: '#/check' }, 'Take the check again once the basics are fixed'),
        // Only where the article allows a trial while the basics are fixed.
        planAllowed(a) ? h('a', { class: 'button secondary', href: '#/plan' }, 'Plan a short trial while you fix them') : null);

  replace(main, h('h1', { tabindex: '-1' }, 'Your result'), resultSections(a, pack), next);
}
