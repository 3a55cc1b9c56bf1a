// A coach's series (serve --accounts): the trials of one protocol and one
// outcome, pooled over the clients who share their review, in words first,
// then the forest plot (an SVG the server draws, shown with <img>: nothing
// in it can run), each client's row, the trials listed apart and the caveats.

import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { num, percent } from '../format.js';

const REASONS = {
  not_reviewed_yet: 'its review date has not come',
  inconclusive: 'the review could not judge it',
  no_estimate: 'no effect could be estimated',
  earlier_trial: 'an earlier trial of the same client (the latest counts)',
};

function choice(label, id, options, selected) {
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('select', { id, name: id },
      options.map(([value, text]) => h('option', { value, selected: value === selected }, text))));
}

function query(form) {
  const q = new URLSearchParams({
    protocol: form.querySelector('#series-protocol').value,
    outcome: form.querySelector('#series-outcome').value,
    method: form.querySelector('#series-method').value,
    knha: String(form.querySelector('#series-knha').checked),
  });
  return q.toString();
}

function summary(s) {
  const p = s.pooled;
  if (!p) return null;
  const het = p.heterogeneity;
  return h('dl', { class: 'facts', id: 'series-summary' },
    h('dt', null, 'Average improvement'),
    h('dd', null, `${num(p.estimate)} points (95% CI ${num(p.ci_low)} to ${num(p.ci_high)}), ${p.k} clients`),
    h('dt', null, 'How much people differed'),
    h('dd', null, `I² ${Math.round(het.i2)}%, τ ${num(het.tau, 2)} points (Q ${num(het.q)} on ${het.q_df} df, ${het.q_p_value < 0.001 ? 'p < 0.001' : `p ${num(het.q_p_value, 3)}`})`),
    h('dt', null, 'Likely range for a new client'),
    h('dd', null, `${num(p.pi_low)} to ${num(p.pi_high)} points`),
    h('dt', null, `Chance a new client improves by at least ${num(s.smallest_meaningful_change)}`),
    h('dd', null, percent(p.p_new_meaningful)));
}

function peopleTable(s) {
  if (!s.people.length) return null;
  return h('table', { id: 'series-people' },
    h('caption', null, 'Clients pooled'),
    h('thead', null, h('tr', null, ['Client', 'Improvement [95% CI]', 'Shrunken estimate', 'Weight', 'Reviewed']
      .map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', null, s.people.map((p) => h('tr', { 'data-client': p.label },
      h('th', { scope: 'row' }, p.label),
      h('td', null, `${num(p.estimate)} [${num(p.ci_low)}, ${num(p.ci_high)}]`),
      h('td', null, p.shrunken ? `${num(p.shrunken.estimate)} [${num(p.shrunken.low)}, ${num(p.shrunken.high)}]` : '–'),
      h('td', null, s.pooled ? `${num(p.weight)}%` : '–'),
      h('td', null, p.reviewed_on)))));
}

function apartTable(s) {
  if (!s.apart.length) return null;
  return h('table', { id: 'series-apart' },
    h('caption', null, 'Listed apart, not counted'),
    h('thead', null, h('tr', null, ['Client', 'Why', 'What was missing'].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', null, s.apart.map((l) => h('tr', null,
      h('th', { scope: 'row' }, l.label),
      h('td', null, REASONS[l.reason] || l.reason),
      h('td', null, l.detail.join(' '))))));
}

function showSeries(out, s, svgUrl) {
  replace(out,
    h('section', { class: 'card', id: 'series-words', 'aria-labelledby': 'series-words-title' },
      h('h2', { id: 'series-words-title' }, `${s.protocol.label}: ${s.outcome.label}`),
      s.words.map((w) => h('p', null, w)),
      summary(s)),
    s.people.length
      ? h('figure', { class: 'card', id: 'series-forest-figure' },
        h('img', { id: 'series-forest', src: svgUrl, alt: `Forest plot: each client's improvement in ${s.outcome.label} with its 95% interval${s.pooled ? ', the average and the likely range for a new client' : ''}.` }),
        h('figcaption', null, 'Squares: each client’s own result (bigger: more weight); circles: shrunken estimates; diamond: the average; bar: the likely range for a new client.'))
      : null,
    peopleTable(s),
    apartTable(s),
    h('section', { class: 'card', id: 'series-caveats', 'aria-labelledby': 'series-caveats-title' },
      h('h2', { id: 'series-caveats-title' }, 'What this cannot tell you'),
      h('ul', null, s.caveats.map((c) => h('li', null, c)))));
}

export async function render(main, { pack, session }) {
  if (!session.account || session.account.role !== 'coach') {
    replace(main, h('h1', { tabindex: '-1' }, 'Across your clients'), h('p', null, 'Only a coach has clients here.'));
    return;
  }
  const protocols = pack.protocols.filter((p) => p.issues_dose);
  const out = h('div', { id: 'series-out', 'aria-live': 'polite' });
  const error = h('p', { class: 'form-error', role: 'alert', id: 'series-error' });
  const form = h('form', { id: 'series-form', class: 'card' },
    choice('Trial', 'series-protocol', protocols.map((p) => [p.id, p.label]),
      (protocols.find((p) => p.id === 'gut_focused_trial') || protocols[0] || {}).id),
    choice('Outcome', 'series-outcome', pack.outcomes.map((o) => [o.id, o.label]), (pack.outcomes[0] || {}).id),
    choice('How the spread between clients is estimated', 'series-method',
      [['reml', 'Restricted maximum likelihood (REML)'], ['dl', 'DerSimonian-Laird']], 'reml'),
    h('div', { class: 'share-choice' },
      h('input', { type: 'checkbox', id: 'series-knha', name: 'knha' }),
      h('label', { for: 'series-knha' }, 'Knapp-Hartung intervals (wider, more honest with few clients)')),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'series-submit' }, 'Show')),
    error);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    replace(error);
    const q = query(form);
    try {
      const s = await api('GET', `/clients/series?${q}`);
      showSeries(out, s, `/api/v1/clients/series.svg?${q}`);
    } catch (err) {
      replace(error, err.message);
    }
  });
  replace(main,
    h('h1', { tabindex: '-1' }, 'Across your clients'),
    h('p', { class: 'lead' }, 'What the trials of clients who share their review with you add up to: one trial and one outcome at a time, each client counted once.'),
    form,
    out);
}
