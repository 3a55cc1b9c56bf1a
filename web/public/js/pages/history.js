// History: every trial (running and past), the running trial's days, and
// every earlier version of a day that was logged again.

import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { longDate } from '../format.js';

function entryText(e) {
  const sides = Object.entries(e.side_effects || {}).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${v}`);
  return [
    `score ${e.outcome}`,
    e.doses_taken !== null ? `${e.doses_taken} dose${e.doses_taken === 1 ? '' : 's'}` : null,
    e.dose_g !== null ? `${e.dose_g} g each` : null,
    e.with_food ? 'with food' : null,
    sides.length ? `side effects: ${sides.join(', ')}` : null,
    e.red_flags && e.red_flags.length ? `red flag: ${e.red_flags.join(', ')}` : null,
    e.note ? `note: ${e.note}` : null,
  ].filter(Boolean).join('; ');
}

export async function render(main) {
  const { trials } = await api('GET', '/trials');
  const running = trials.find((t) => !t.ended_on);
  const days = running ? (await api('GET', '/trial/days')).entries : [];

  replace(main,
    h('h1', { tabindex: '-1' }, 'History'),
    h('section', { class: 'card', 'aria-labelledby': 'hist-trials' },
      h('h2', { id: 'hist-trials' }, 'Trials'),
      trials.length
        ? h('table', { id: 'trials-table' },
          h('thead', null, h('tr', null, ['Product', 'Protocol', 'Started', 'Review date', 'Ended'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', null, trials.map((t) => h('tr', null,
            h('th', { scope: 'row' }, t.product || '(not named)'), h('td', null, t.protocol), h('td', null, longDate(t.start)),
            h('td', null, longDate(t.review_date)), h('td', null, t.ended_on ? `${longDate(t.ended_on)}${t.end_reason ? ` (${t.end_reason})` : ''}` : 'running')))))
        : h('p', null, 'No trials yet.')),
    running
      ? h('section', { class: 'card', 'aria-labelledby': 'hist-days' },
        h('h2', { id: 'hist-days' }, 'Days logged in the running trial'),
        days.length
          ? h('ul', { class: 'days' }, [...days].reverse().map((e) => dayItem(e)))
          : h('p', null, 'No days logged yet.'))
      : null);
}

function dayItem(e) {
  const versions = h('div', { 'aria-live': 'polite' });
  const show = async (button) => {
    button.disabled = true;
    const { versions: list } = await api('GET', `/trial/days/${e.date}/history`);
    replace(versions, h('ol', { class: 'versions' }, list.map((v) => h('li', null,
      `Version ${v.version}, saved ${v.recorded_at}: ${entryText(v)}`))));
    button.remove();
  };
  return h('li', null,
    h('strong', null, longDate(e.date)), `: ${entryText(e)}`,
    e.version > 1
      ? [' ', h('button', { type: 'button', class: 'link', onClick: (ev) => show(ev.currentTarget) }, `Show all ${e.version} versions`)]
      : null,
    versions);
}
