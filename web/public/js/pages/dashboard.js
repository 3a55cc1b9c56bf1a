// The dashboard: where the trial stands (phase, today's dose, what to do),
// the outcome over time by phase, adherence, side effects and the next
// review date.

import { api, runningTrial } from '../api.js';
import { outcomeChart } from '../chart.js';
import { h, replace } from '../dom.js';
import { longDate, num, percent, phaseLabel, substanceOf } from '../format.js';
import { noTrial, todoList } from './today.js';

export async function render(main, { pack }) {
  const trial = await runningTrial();
  if (!trial) {
    noTrial(main, 'Dashboard');
    return;
  }
  const [status, review] = await Promise.all([api('GET', '/trial'), api('GET', '/trial/review')]);
  // The trial's own outcome (its pack's scale), as the status gives it.
  const outcome = status.outcome || pack.outcomes.find((o) => o.id === trial.outcome) || pack.outcomes[0];
  const labelOf = (id) => (pack.side_effects.find((x) => x.id === id) || { label: id }).label;
  const burden = Object.entries(status.side_effect_burden || {});

  replace(main,
    h('h1', { tabindex: '-1' }, 'Dashboard'),
    h('section', { class: 'card status', 'aria-labelledby': 'dash-phase' },
      h('h2', { id: 'dash-phase' }, phaseLabel(status.phase, pack)),
      h('p', null, `${trial.product}: ${outcome.label.toLowerCase()} tracked since ${longDate(trial.start)}.`),
      status.step && status.phase === 'active'
        ? h('p', null, h('strong', null, `Today's dose: ${num(status.step.dose_g, 2)} g ${status.step.times_per_day} time${status.step.times_per_day === 1 ? '' : 's'} a day`))
        : null,
      todoList(status.todo_items),
      h('div', { class: 'actions' },
        status.phase === 'review_due' ? h('a', { class: 'button primary', href: '#/review' }, 'See the review') : null,
        h('a', { class: ['button', status.phase === 'review_due' ? 'secondary' : 'primary'], href: '#/today' }, 'Log today'))),
    h('div', { class: 'tiles' },
      h('div', { class: 'tile' }, h('p', { class: 'tile-label' }, 'Next review'), h('p', { class: 'tile-value', id: 'dash-review-date' }, longDate(status.review_date))),
      h('div', { class: 'tile' }, h('p', { class: 'tile-label' }, 'Adherence'), h('p', { class: 'tile-value', id: 'dash-adherence' }, percent(status.adherence)),
        h('p', { class: 'small' }, 'doses taken of doses planned')),
      h('div', { class: 'tile' }, h('p', { class: 'tile-label' }, 'Days logged'),
        h('p', { class: 'tile-value', id: 'dash-days' }, String(status.baseline_days_logged + status.active_days_logged)),
        h('p', { class: 'small' }, `baseline ${status.baseline_days_logged} (missing ${status.baseline_days_missing}), active ${status.active_days_logged} (missing ${status.active_days_missing})`))),
    h('section', { class: 'card', 'aria-labelledby': 'dash-chart' },
      h('h2', { id: 'dash-chart' }, `${outcome.label} over time`),
      outcomeChart(review.series, outcome.scale, { better: outcome.better, reviewDate: status.review_date, start: trial.start, substance: substanceOf(pack), title: `${outcome.label} by day and phase` })),
    h('section', { class: 'card', 'aria-labelledby': 'dash-sides' },
      h('h2', { id: 'dash-sides' }, 'Side effects'),
      burden.length
        ? h('ul', null, burden.map(([id, mean]) => h('li', null, `${labelOf(id)}: average ${num(mean)} / 10`)))
        : h('p', null, 'None recorded on active days yet.'),
      status.actions && status.actions.length ? h('ul', { class: 'todo' }, status.actions.map((a) => h('li', null, a))) : null,
      status.red_flags && status.red_flags.length ? h('p', { class: 'form-error' }, `Red flag: ${status.red_flags.join(', ')}. Stop and see a clinician.`) : null),
    status.amendments && status.amendments.length
      ? h('section', { class: 'card', 'aria-labelledby': 'dash-amend' },
        h('h2', { id: 'dash-amend' }, 'Amendments'),
        h('ul', null, status.amendments.map((a) => h('li', null, `${a.field}: ${a.old} → ${a.new} (${a.reason}; ${a.recorded_at})`))))
      : null,
    h('section', { class: 'card', 'aria-labelledby': 'dash-take' },
      h('h2', { id: 'dash-take' }, 'Take it with you'),
      h('ul', { class: 'downloads' },
        h('li', null, h('a', { href: '/api/v1/trial/export.html', download: '' }, 'Report for your clinician'), ' (a page that prints on A4 or Letter)'),
        h('li', null, h('a', { href: '/api/v1/trial/export.ics', download: '' }, 'Dose reminders and review dates'), ' (for your calendar)'),
        h('li', null, h('a', { href: '/api/v1/trial/export.fhir.json', download: '' }, 'FHIR R4 record'), ' (for a clinic\'s record system)'),
        h('li', null, h('a', { href: '/api/v1/trial/export.csv', download: '' }, 'Your days as CSV'), ' (for a spreadsheet)'))),
    h('p', null, h('a', { href: '#/review' }, 'See the review'), ' · ', h('a', { href: '#/history' }, 'History')));
}
