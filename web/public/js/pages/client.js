// One client, read-only (#/client/ID): what they share with this coach,
// through the same answers the client's own pages read. Every text the
// client typed is shown as text.

import { api } from '../api.js';
import { outcomeChart } from '../chart.js';
import { h, replace } from '../dom.js';
import { longDate, num, percent, phaseLabel, substanceOf, verdictWords } from '../format.js';
import { rememberedClient } from './clients.js';

function idFromHash() {
  return (window.location.hash.split('?')[0].split('/')[2] || '').trim();
}

function statusCard(status, days, pack) {
  return [
    h('section', { class: 'card status', 'aria-labelledby': 'client-phase' },
      h('h2', { id: 'client-phase' }, phaseLabel(status.phase, pack)),
      h('p', null, `Day ${status.day}; next review ${longDate(status.review_date)}; adherence ${percent(status.adherence)}.`),
      status.red_flags.length ? h('p', { class: 'form-error' }, `Red flag logged: ${status.red_flags.join(', ')}.`) : null,
      status.actions.length ? h('ul', { class: 'todo' }, status.actions.map((a) => h('li', null, a))) : null),
    h('section', { class: 'card', 'aria-labelledby': 'client-days' },
      h('h2', { id: 'client-days' }, 'Logged days'),
      days.length
        ? h('table', { id: 'client-days-table' },
          h('thead', null, h('tr', null, ['Day', status.outcome ? status.outcome.label : 'Outcome', 'Doses', 'Note'].map((x) => h('th', { scope: 'col' }, x)))),
          h('tbody', null, days.map((d) => h('tr', null,
            h('td', null, longDate(d.date)), h('td', null, num(d.outcome)), h('td', null, d.doses_taken === null ? '' : String(d.doses_taken)),
            h('td', { class: 'note' }, d.note || '')))))
        : h('p', null, 'No days logged yet.')),
  ];
}

function reviewCard(review, status, pack) {
  const words = verdictWords(review.outcome);
  const outcome = status ? status.outcome : null;
  return h('section', { class: 'card', 'aria-labelledby': 'client-review' },
    h('h2', { id: 'client-review' }, `Review: ${words.title}`),
    h('ul', null, (review.reasons || []).map((r) => h('li', null, r))),
    outcome ? outcomeChart(review.series, outcome.scale, { better: outcome.better, reviewDate: status.review_date, substance: substanceOf(pack), title: `${outcome.label} by day and phase` }) : null);
}

export async function render(main, { pack, session }) {
  if (!session.account || session.account.role !== 'coach') {
    replace(main, h('h1', { tabindex: '-1' }, 'Client'), h('p', null, 'Only a coach has clients here.'));
    return;
  }
  const id = idFromHash();
  let client = rememberedClient(id);
  if (!client) client = (await api('GET', '/clients')).clients.find((c) => String(c.client.id) === id) || null;
  if (!client) {
    replace(main, h('h1', { tabindex: '-1' }, 'Client'), h('p', null, 'No such client shares anything with you (any more).'), h('p', null, h('a', { href: '#/clients' }, 'All clients')));
    return;
  }
  const shares = client.share;
  const hasTrial = client.trial !== null || !shares.includes('status');
  const base = `/clients/${client.client.id}`;
  const [status, days, review] = await Promise.all([
    shares.includes('status') && hasTrial ? api('GET', `${base}/trial`) : null,
    shares.includes('status') && hasTrial ? api('GET', `${base}/trial/days`).then((d) => d.entries) : null,
    shares.includes('review') && hasTrial ? api('GET', `${base}/review`) : null,
  ]);
  replace(main,
    h('h1', { tabindex: '-1' }, client.client.email),
    h('p', { class: 'small' }, 'Read-only: what this client shares with you. They see that you looked.'),
    status ? statusCard(status, days, pack) : (shares.includes('status') ? h('p', null, 'No trial running.') : null),
    review ? reviewCard(review, status, pack) : null,
    shares.includes('report') ? h('p', null, h('a', { href: `/api/v1${base}/export.html`, id: 'client-report' }, 'The clinician\'s report')) : null,
    h('p', null, h('a', { href: '#/clients' }, 'All clients')));
}
