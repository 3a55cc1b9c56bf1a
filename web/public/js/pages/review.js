// The review: the verdict in plain words, the reasons, the figures (effect
// with its uncertainty, adherence, days, side effects) and the chart.
// Looking records nothing (GET /api/v1/trial/review); once the review date
// has come, a button saves the verdict (POST /api/v1/trial/review/record):
// a stop ends the trial, continue sets the next review date.

import { api, runningTrial } from '../api.js';
import { outcomeChart } from '../chart.js';
import { h, replace } from '../dom.js';
import { longDate, num, percent, substanceOf, verdictWords } from '../format.js';
import { noTrial } from './today.js';

/// "Record this verdict": saves it, then shows what was saved in its place.
function recordButton(main, r) {
  const status = h('p', { id: 'review-recorded', role: 'status', 'aria-live': 'polite' });
  const label = r.next_review_date ? `Record it: continue and review again on ${longDate(r.next_review_date)}` : 'Record it: end this trial';
  const button = h('button', { type: 'button', class: 'primary', id: 'review-record', onClick: async () => {
    button.disabled = true;
    try {
      const saved = await api('POST', '/trial/review/record', { as_of: r.as_of });
      status.textContent = saved.recorded;
      button.remove();
    } catch (e) {
      status.textContent = e.message;
      button.disabled = false;
    }
  } }, label);
  return h('div', { class: 'actions' }, button, status);
}

export async function render(main, { pack }) {
  const trial = await runningTrial();
  if (!trial) {
    noTrial(main, 'Review');
    return;
  }
  const [r, status] = await Promise.all([api('GET', '/trial/review'), api('GET', '/trial')]);
  // The trial's own outcome (its pack's scale), as the status gives it.
  const outcome = status.outcome || pack.outcomes.find((o) => o.id === trial.outcome) || pack.outcomes[0];
  const words = verdictWords(r.outcome);
  const e = r.effect;

  replace(main,
    h('h1', { tabindex: '-1' }, 'Review'),
    r.review_date_reached
      ? null
      : h('p', { class: 'notice' }, `The review date is ${longDate(r.review_date)}. Until then this is a look at the data so far, not a verdict.`),
    h('section', { class: ['decision', `decision-${words.kind}`], 'aria-labelledby': 'verdict-title', 'data-verdict': r.outcome },
      h('p', { class: 'eyebrow' }, `Verdict as of ${longDate(r.as_of)}`),
      h('h2', { id: 'verdict-title' }, words.title),
      h('p', null, words.text),
      r.next_review_date ? h('p', null, h('strong', null, `Next review: ${longDate(r.next_review_date)}`)) : null,
      r.review_date_reached && r.outcome !== 'inconclusive' ? recordButton(main, r) : null),
    r.reasons && r.reasons.length
      ? h('section', { class: 'card', 'aria-labelledby': 'review-why' }, h('h2', { id: 'review-why' }, 'Why'),
        h('ul', null, r.reasons.map((x) => h('li', null, x))))
      : null,
    r.missing && r.missing.length
      ? h('section', { class: 'card', 'aria-labelledby': 'review-missing' }, h('h2', { id: 'review-missing' }, 'What a verdict still needs'),
        h('ul', null, r.missing.map((x) => h('li', null, x))))
      : null,
    h('section', { class: 'card', 'aria-labelledby': 'review-figures' },
      h('h2', { id: 'review-figures' }, 'The figures'),
      h('dl', { class: 'facts' },
        h('dt', null, 'Improvement'),
        h('dd', { id: 'review-effect' }, e
          ? `${num(e.estimate, 2)} points (95% interval ${num(e.ci_low, 2)} to ${num(e.ci_high, 2)}); baseline mean ${num(e.control_mean, 2)}, active mean ${num(e.active_mean, 2)}`
          : 'cannot be estimated yet'),
        e ? h('dt', null, 'Chance the improvement matters') : null,
        e ? h('dd', null, `${percent(e.p_meaningful)} that it is at least ${num(e.smallest_meaningful_change, 1)} point (needs ${percent(e.certainty_needed)} for a clear benefit)`) : null,
        r.trend ? h('dt', null, 'Drift over the trial') : null,
        r.trend ? h('dd', null, `${num(r.trend.trend_per_week, 2)} points a week${r.trend.explains_benefit ? ': the drift explains the change' : ''}`) : null,
        h('dt', null, 'Adherence'),
        h('dd', { id: 'review-adherence' }, percent(r.adherence)),
        h('dt', null, 'Days logged'),
        h('dd', null, `baseline ${r.days.baseline} of ${r.days.baseline_planned}, active ${r.days.active} of ${r.days.active_planned}`))),
    h('section', { class: 'card', 'aria-labelledby': 'review-chart' },
      h('h2', { id: 'review-chart' }, outcome.label),
      outcomeChart(r.series, outcome.scale, { better: outcome.better, reviewDate: r.review_date, start: trial.start, substance: substanceOf(pack), title: `${outcome.label} by day and phase` })),
    r.side_effects && r.side_effects.length
      ? h('section', { class: 'card', 'aria-labelledby': 'review-sides' },
        h('h2', { id: 'review-sides' }, 'Side effects on active days'),
        h('table', null,
          h('thead', null, h('tr', null, ['Symptom', 'Average', 'Worst', 'Days at 5+', 'Rose with dose'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', null, r.side_effects.map((x) => h('tr', null,
            h('th', { scope: 'row' }, x.label), h('td', null, num(x.mean)), h('td', null, String(x.worst)),
            h('td', null, String(x.days_at_or_above_moderate)), h('td', null, x.rose_with_dose ? 'yes' : 'no'))))))
      : null,
    r.caveats && r.caveats.length
      ? h('section', { class: 'card', 'aria-labelledby': 'review-caveats' }, h('h2', { id: 'review-caveats' }, 'Caveats'),
        h('ul', null, r.caveats.map((x) => h('li', null, x))))
      : null);
}
