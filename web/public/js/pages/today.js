// Today: log a day in under ten seconds. The outcome slider, doses, side
// effects (0 unless changed), with food, a red flag, a note; PUT
// /api/v1/trial/days/{date}. An unsaved entry is kept across a reload.

import { api, ApiError, runningTrial } from '../api.js';
import { h, replace } from '../dom.js';
import { longDate, num, phaseLabel, substanceOf } from '../format.js';
import { keys, load, remove, save } from '../state.js';

export function noTrial(main, title) {
  replace(main,
    h('h1', { tabindex: '-1' }, title),
    h('p', null, 'No trial is running. ', h('a', { href: '#/check' }, 'Take the check'), ' and ',
      h('a', { href: '#/plan' }, 'plan a trial'), ' first; past trials are in ', h('a', { href: '#/history' }, 'history'), '.'));
}

// Where on the web a status item is done, by its id.
const todoPages = { see_review: '#/review', review_due: '#/review', log_today: '#/today' };

/// What the status says to do, as a list, each item linked to the page that
/// does it (`skip`: ids of items this page is for).
export function todoList(items, skip = []) {
  const shown = (items || []).filter((item) => !skip.includes(item.id));
  if (!shown.length) return null;
  return h('ul', { class: 'todo' }, shown.map((item) => h('li', null,
    todoPages[item.id] ? h('a', { href: todoPages[item.id] }, item.text) : item.text)));
}

export async function render(main, { pack }) {
  const trial = await runningTrial();
  if (!trial) {
    noTrial(main, 'Log today');
    return;
  }
  const status = await api('GET', '/trial');
  // The trial's own outcome (its pack's scale), as the status gives it.
  const outcome = status.outcome || pack.outcomes.find((o) => o.id === trial.outcome) || pack.outcomes[0];
  const scale = outcome.scale;
  const baseline = status.phase === 'baseline' || status.phase === 'not_started';
  const step = status.step;

  const draft = load(keys.todayDraft, null);
  const fresh = {
    date: status.today,
    outcome: Math.round((scale.min + scale.max) / 2),
    doses_taken: baseline || !step ? 0 : step.times_per_day,
    dose_g: step ? step.dose_g : '',
    side_effects: {},
    red_flags: [],
    with_food: false,
    other_product: false,
    note: '',
  };
  const entry = draft && draft.trial === trial.id ? { ...fresh, ...draft } : { ...fresh, trial: trial.id };
  const persist = () => save(keys.todayDraft, entry);

  const outcomeValue = h('output', { id: 'today-outcome-value', for: 'today-outcome' }, String(entry.outcome));
  const result = h('div', { id: 'today-result', 'aria-live': 'polite' });
  const formError = h('p', { class: 'form-error', role: 'alert', id: 'today-error' });

  const errorP = (id) => h('p', { class: 'error', id: `today-${id}-error`, 'aria-live': 'polite' });
  const setError = (id, message) => {
    const el = main.querySelector(`#today-${id}-error`);
    if (el) el.textContent = message || '';
    const input = main.querySelector(`#today-${id}`);
    if (input) {
      if (message) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
  };

  const form = h('form', { class: 'today', novalidate: true, onSubmit: (e) => { e.preventDefault(); submit(); } },
    h('div', { class: 'field' },
      h('label', { for: 'today-date' }, 'Day'),
      h('input', { id: 'today-date', type: 'date', value: entry.date, max: status.today, required: true,
        'aria-describedby': 'today-date-error',
        onInput: (e) => { entry.date = e.target.value; persist(); } }),
      errorP('date')),
    h('div', { class: 'field slider' },
      h('label', { for: 'today-outcome' }, outcome.question),
      h('div', { class: 'slider-row' },
        h('span', { class: 'end', 'aria-hidden': 'true' }, `${scale.min} ${scale.low}`),
        h('input', { id: 'today-outcome', type: 'range', min: String(scale.min), max: String(scale.max), step: '1',
          value: String(entry.outcome), 'aria-describedby': 'today-outcome-help',
          onInput: (e) => { entry.outcome = Number(e.target.value); outcomeValue.textContent = e.target.value; persist(); } }),
        h('span', { class: 'end', 'aria-hidden': 'true' }, `${scale.max} ${scale.high}`)),
      h('p', { class: 'help', id: 'today-outcome-help' },
        'Score: ', outcomeValue, ` (${scale.min} = ${scale.low}, ${scale.max} = ${scale.high}; ${outcome.better} is better)`)),
    baseline
      ? h('p', { class: 'notice' }, `Baseline: no ${substanceOf(pack)} yet. Score the outcome every day.`)
      : h('div', { class: 'row-fields' },
        h('div', { class: 'field' },
          h('label', { for: 'today-doses' }, 'Doses taken'),
          h('input', { id: 'today-doses', type: 'number', inputmode: 'numeric', min: '0', max: '24', step: '1', class: 'short',
            value: String(entry.doses_taken), 'aria-describedby': 'today-doses-help today-doses-error',
            onInput: (e) => { entry.doses_taken = e.target.value; persist(); } }),
          h('p', { class: 'help', id: 'today-doses-help' }, step ? `Planned: ${step.times_per_day} a day` : ''),
          errorP('doses')),
        h('div', { class: 'field' },
          h('label', { for: 'today-dose-g' }, 'Grams per dose'),
          h('div', { class: 'with-unit' },
            h('input', { id: 'today-dose-g', type: 'number', inputmode: 'decimal', min: '0', max: '100', step: 'any', class: 'short',
              value: String(entry.dose_g), 'aria-describedby': 'today-dose-g-help today-dose-g-error',
              onInput: (e) => { entry.dose_g = e.target.value; persist(); } }),
            h('span', { class: 'unit' }, 'g')),
          h('p', { class: 'help', id: 'today-dose-g-help' }, step ? `Planned: ${num(step.dose_g, 2)} g` : ''),
          errorP('dose-g'))),
    h('fieldset', { class: 'field sides' },
      h('legend', null, 'Side effects today (0 = none, 10 = worst)'),
      h('div', { class: 'side-grid' }, pack.side_effects.map((se) => h('div', { class: 'side' },
        h('label', { for: `today-side-${se.id}` }, se.label),
        h('select', { id: `today-side-${se.id}`,
          onChange: (e) => { entry.side_effects[se.id] = Number(e.target.value); persist(); } },
          Array.from({ length: 11 }, (_, i) => h('option', { value: String(i), selected: (entry.side_effects[se.id] || 0) === i }, String(i)))))))),
    h('div', { class: 'field checks' },
      baseline ? null : h('label', { class: 'choice', for: 'today-with-food' },
        h('input', { id: 'today-with-food', type: 'checkbox', checked: entry.with_food,
          onChange: (e) => { entry.with_food = e.target.checked; persist(); } }),
        h('span', null, 'Taken with food')),
      // The plan pauses other products with the supplement; a day one was
      // taken anyway is logged, and the review counts it as a missed dose.
      h('label', { class: 'choice', for: 'today-other-product' },
        h('input', { id: 'today-other-product', type: 'checkbox', checked: entry.other_product,
          onChange: (e) => { entry.other_product = e.target.checked; persist(); } }),
        h('span', null, `Took another product with ${pack.pack.supplement || 'the supplement'} today`)),
      pack.red_flags.map((f) => h('label', { class: 'choice red-flag', for: `today-flag-${f.id}` },
        h('input', { id: `today-flag-${f.id}`, type: 'checkbox', checked: entry.red_flags.includes(f.id),
          onChange: (e) => {
            entry.red_flags = e.target.checked ? [...new Set([...entry.red_flags, f.id])] : entry.red_flags.filter((x) => x !== f.id);
            persist();
          } }),
        h('span', null, f.label)))),
    h('div', { class: 'field' },
      h('label', { for: 'today-note' }, 'Note (optional)'),
      h('textarea', { id: 'today-note', rows: '2', maxlength: '2000', 'aria-describedby': 'today-note-error',
        onInput: (e) => { entry.note = e.target.value; persist(); } }, entry.note),
      errorP('note')),
    formError,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'today-save' }, 'Save the day')));

  replace(main,
    h('h1', { tabindex: '-1' }, 'Log today'),
    h('section', { class: 'card status', 'aria-labelledby': 'today-status' },
      h('h2', { id: 'today-status' }, `${longDate(status.today)}: ${phaseLabel(status.phase, pack)}`),
      step && !baseline
        ? h('p', { id: 'today-dose' }, h('strong', null, `Today's dose: ${num(step.dose_g, 2)} g ${step.times_per_day} time${step.times_per_day === 1 ? '' : 's'} a day`), step.why ? ` (${step.why})` : '')
        : null,
      todoList(status.todo_items, ['log_today']),
      h('p', { class: 'small' }, `Review date: ${longDate(status.review_date)}. `, h('a', { href: '#/dashboard' }, 'See the dashboard'))),
    form,
    result);

  async function submit() {
    for (const id of ['date', 'doses', 'dose-g', 'note']) setError(id, '');
    formError.textContent = '';
    const body = { outcome: Number(entry.outcome), side_effects: {}, red_flags: entry.red_flags, note: entry.note,
      other_product: Boolean(entry.other_product) };
    for (const se of pack.side_effects) body.side_effects[se.id] = Number(entry.side_effects[se.id] || 0);
    let ok = true;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(entry.date || '')) {
      setError('date', 'Choose the day you are logging.');
      ok = false;
    }
    if (!baseline) {
      const doses = String(entry.doses_taken).trim();
      if (!/^\d+$/.test(doses) || Number(doses) > 24) {
        setError('doses', 'Enter the number of doses taken, 0 to 24.');
        ok = false;
      } else body.doses_taken = Number(doses);
      const grams = String(entry.dose_g).trim();
      if (grams !== '') {
        if (!/^\d+(\.\d+)?$/.test(grams) || Number(grams) > 100) {
          setError('dose-g', 'Enter the grams in one dose, 0 to 100.');
          ok = false;
        } else body.dose_g = Number(grams);
      }
      body.with_food = Boolean(entry.with_food);
    } else {
      body.doses_taken = 0;
    }
    if (!ok) {
      main.querySelector('[aria-invalid="true"]')?.focus();
      return;
    }
    const button = main.querySelector('#today-save');
    button.disabled = true;
    try {
      const saved = await api('PUT', `/trial/days/${entry.date}`, body);
      remove(keys.todayDraft);
      replace(result,
        h('section', { class: 'card saved', 'aria-labelledby': 'saved-title' },
          h('h2', { id: 'saved-title' }, saved.replaced
            ? `Updated ${longDate(saved.entry.date)} (the earlier version is kept in history)`
            : `Saved ${longDate(saved.entry.date)}`),
          h('p', null, `Phase: ${phaseLabel(saved.phase, pack)}.`),
          todoList(saved.todo_items, ['log_today']),
          h('p', null, h('a', { href: '#/dashboard' }, 'See the dashboard'))));
      result.querySelector('h2').setAttribute('tabindex', '-1');
      result.querySelector('h2').focus();
    } catch (e) {
      if (e instanceof ApiError && e.problems.length) {
        for (const p of e.problems) {
          const map = { '{date}': 'date', '/doses_taken': 'doses', '/dose_g': 'dose-g', '/note': 'note' };
          if (map[p.where]) setError(map[p.where], p.message);
          else formError.textContent = p.message;
        }
      } else {
        formError.textContent = e.message;
      }
    } finally {
      button.disabled = false;
    }
  }
}
