// The start page: what Trialwise does, and the next step for this person.

import { runningTrial } from '../api.js';
import { h, replace } from '../dom.js';
import { decisionWords, longDate } from '../format.js';
import { mustSignIn } from '../session.js';
import { keys, load } from '../state.js';

export async function render(main, { pack, session }) {
  const signedOut = mustSignIn(session);
  const trial = signedOut ? null : await runningTrial();
  const assessment = load(keys.assessment, null);
  const inProgress = load(keys.check, null);
  const supplement = pack.pack.supplement || 'this supplement';

  let next;
  if (trial) {
    next = h('section', { class: 'card', 'aria-labelledby': 'home-next' },
      h('h2', { id: 'home-next' }, 'Your trial is running'),
      h('p', null, `${trial.product}, review on ${longDate(trial.review_date)}.`),
      h('div', { class: 'actions' },
        h('a', { class: 'button primary', href: '#/today' }, 'Log today'),
        h('a', { class: 'button secondary', href: '#/dashboard' }, 'Dashboard')));
  } else if (assessment) {
    const words = decisionWords(assessment.decision, supplement);
    next = h('section', { class: 'card', 'aria-labelledby': 'home-next' },
      h('h2', { id: 'home-next' }, `Your last result: ${words.title}`),
      h('div', { class: 'actions' },
        h('a', { class: 'button primary', href: '#/result' }, 'See the result'),
        h('a', { class: 'button secondary', href: '#/check' }, 'Change an answer')));
  } else {
    next = h('div', { class: 'actions' },
      h('a', { class: 'button primary', href: '#/check', id: 'home-start' }, inProgress ? 'Continue the check' : 'Start the check'));
  }

  replace(main,
    h('h1', { tabindex: '-1' }, `Does ${supplement} fit your situation?`),
    h('p', { class: 'lead' }, pack.pack.summary ? pack.pack.summary.text : ''),
    h('ol', { class: 'flow' },
      h('li', null, h('strong', null, 'Name the problem. '), 'The evidence differs for each.'),
      h('li', null, h('strong', null, 'Basics first. '), 'Sleep, meals, protein, hydration and rest matter more.'),
      h('li', null, h('strong', null, 'Reasons to avoid. '), 'Some people must not take it on their own.'),
      h('li', null, h('strong', null, 'A defined trial. '), 'One product, one dose, one outcome, one review date.'),
      h('li', null, h('strong', null, 'An honest review. '), 'A supplement that is not helping does not earn a permanent place.')),
    next,
    h('p', { class: 'small' }, `Everything here comes from the article "${pack.pack.article ? pack.pack.article.title : ''}". ${session.accounts
      ? 'Your answers stay in this browser until you start a trial; your trial is kept on this server under your account, and you choose what a coach may see.'
      : 'Your answers and your trial stay on this machine.'}`));
}
