// The plan: one product, one dose protocol, one outcome, a baseline and a
// review date, previewed with POST /api/v1/plan and started (fixed in
// advance) with POST /api/v1/trial. A refused assessment gets no form and no
// dose: only the reasons and what to bring to a clinician.

import { api, ApiError, runningTrial } from '../api.js';
import { h, replace } from '../dom.js';
import { localToday, longDate, num, section, substanceOf } from '../format.js';

const capitalised = (text) => text.charAt(0).toUpperCase() + text.slice(1);
import { keys, load, save } from '../state.js';
import { check } from '../validate.js';
import { bringList, decisionBanner, planAllowed, reasonsList } from '../result_parts.js';

const fields = {
  product: { id: 'product', type: 'string', required: true, max_length: 200 },
  g_per_serving: { id: 'g_per_serving', type: 'number', required: true, min: 0.1, max: 100, unit: 'g' },
  start: { id: 'start', type: 'string', required: true },
};

/// The refusal as the plan page shows it (also for a 422 from the server).
function refusalView(body, pack) {
  return [
    decisionBanner({ decision: body.decision || 'do_not_start' }, pack),
    body.message ? h('p', { class: 'lead' }, `${body.message[0].toUpperCase()}${body.message.slice(1)}.`) : null,
    reasonsList(body.reasons, 'Why not'),
    bringList(body.reasons),
    h('div', { class: 'actions' }, h('a', { class: 'button secondary', href: '#/result' }, 'Back to the result')),
  ];
}

// Every other product with the supplement: paused for the trial (the
// default), or kept and counted.
function otherProductsView(plan) {
  const other = plan.other_products || { products: [] };
  const items = other.products.map((p) => h('li', null, `${p.name}: `,
    p.daily_g === null || p.daily_g === undefined ? p.contains_label : `${num(p.daily_g, 2)} g a day`));
  if (!items.length) return h('p', { id: 'plan-other-products' }, 'None of your other products lists it.');
  if (other.paused && other.pause) {
    return h('div', { id: 'plan-other-products', class: 'notice' },
      h('p', null, h('strong', null, `Pause from ${longDate(other.pause.from)} to ${longDate(other.pause.until)}:`)),
      h('ul', null, items),
      h('p', null, other.pause.text, ' ', h('cite', null, `(${section(other.pause.section)})`)));
  }
  return h('div', { id: 'plan-other-products' }, h('p', null, 'Kept during the trial:'), h('ul', null, items));
}

export function planView(plan, pack) {
  return h('section', { class: 'card plan', 'aria-labelledby': 'plan-title', id: 'plan-view' },
    h('h2', { id: 'plan-title' }, `Your trial: ${plan.protocol.label}`),
    h('p', { class: 'small' }, h('cite', null, `(${section(plan.protocol.section)})`)),
    h('dl', { class: 'facts' },
      h('dt', null, 'Product'),
      h('dd', null, plan.product.name || 'not named',
        plan.product.g_per_serving ? `, ${num(plan.product.g_per_serving, 2)} g ${substanceOf(pack)} per serving` : ''),
      h('dt', null, 'Outcome'),
      h('dd', null, h('strong', null, plan.outcome.label), `: "${plan.outcome.question}" (${plan.outcome.scale.min} = ${plan.outcome.scale.low}, ${plan.outcome.scale.max} = ${plan.outcome.scale.high}; ${plan.outcome.better} is better)`),
      h('dt', null, 'Baseline'),
      h('dd', null, `${longDate(plan.baseline.start)} to ${longDate(plan.baseline.end)} (${plan.baseline.days} days): no ${substanceOf(pack)}; score the outcome every day.`),
      h('dt', null, 'Review date'),
      h('dd', { id: 'plan-review-date' }, h('strong', null, longDate(plan.review_date)), ` (after ${plan.active.days} active days). Stop if there is no clear benefit.`)),
    h('h3', null, 'Steps'),
    h('ol', { class: 'steps' }, plan.steps.map((st) => h('li', null,
      `From ${longDate(st.date)} (day ${st.start_day}): ${num(st.dose_g, 2)} g ${st.times_per_day} time${st.times_per_day === 1 ? '' : 's'} a day (${num(st.daily_g, 2)} g a day)`,
      st.servings_per_dose ? `, ${num(st.servings_per_dose, 2)} serving${st.servings_per_dose === 1 ? '' : 's'} per dose` : '',
      st.condition ? h('span', { class: 'condition' }, ` ${st.condition}`) : null))),
    h('h3', null, 'One product: your other products'),
    otherProductsView(plan),
    h('ul', { class: 'totals' },
      h('li', null, `Most a day from the trial: ${num(plan.max_daily_g, 2)} g`),
      h('li', null, h('strong', null, `Total at most: ${num(plan.total_max_daily_g, 2)} g a day`))),
    plan.warnings && plan.warnings.length
      ? h('div', { class: 'warnings' }, h('h3', null, 'Before you start'),
        h('ul', null, plan.warnings.map((w) => h('li', null, w.text, ' ', h('cite', null, `(${section(w.section)})`)))))
      : null,
    h('h3', null, 'When to take it'),
    h('p', null, plan.timing.text, ' ', h('cite', null, `(${section(plan.timing.section)})`)),
    h('h3', null, 'If side effects come'),
    h('ul', null, plan.side_effect_actions.map((x) => h('li', null, `A side effect at ${x.at_least}/10 or worse: ${x.text} `, h('cite', null, `(${section(x.section)})`)))),
    h('h3', null, 'Stop at once if'),
    h('ul', null, plan.red_flags.map((f) => h('li', null, `${f.label}: ${f.action}`))),
    plan.protocol.notes && plan.protocol.notes.length
      ? h('details', null, h('summary', null, 'How Trialwise read the article here'),
        h('ul', null, plan.protocol.notes.map((n) => h('li', null, n.text, ' ', h('cite', null, `(${section(n.section)})`)))))
      : null);
}

export async function render(main, { pack, navigate }) {
  const assessment = load(keys.assessment, null);
  const heading = h('h1', { tabindex: '-1' }, 'Plan your trial');
  if (!assessment) {
    replace(main, heading, h('p', null, 'There is nothing to plan from yet. ', h('a', { href: '#/check' }, 'Take the check'), ' first.'));
    return;
  }
  if (!planAllowed(assessment)) {
    replace(main, heading, ...refusalView({ decision: assessment.decision, reasons: assessment.reasons }, pack));
    return;
  }

  const running = await runningTrial();
  const outcomes = pack.outcomes.filter((o) => (o.groups || []).includes(assessment.group));
  const protocols = pack.protocols.filter((p) => (p.groups || []).includes(assessment.group) && p.issues_dose);
  const choices = {
    product: '', g_per_serving: '', start: localToday(),
    outcome: outcomes[0] && outcomes[0].id, protocol: protocols[0] && protocols[0].id, days: '',
    ...load(keys.planChoices, {}),
  };
  if (!outcomes.some((o) => o.id === choices.outcome)) choices.outcome = outcomes[0] && outcomes[0].id;
  if (!protocols.some((p) => p.id === choices.protocol)) choices.protocol = protocols[0] && protocols[0].id;
  const protocolOf = () => protocols.find((p) => p.id === choices.protocol) || protocols[0];
  fields.days = () => {
    const p = protocolOf();
    const r = (p && p.active_days) || {};
    return { id: 'days', type: 'integer', required: false, min: r.min, max: r.max, unit: 'days' };
  };

  const preview = h('div', { id: 'plan-preview' });
  const announce = h('p', { class: 'visually-hidden', role: 'status', id: 'plan-status' });
  const status = h('p', { class: 'form-error', role: 'alert', id: 'plan-error' });
  const startButton = h('button', { type: 'button', class: 'primary', id: 'plan-start', disabled: true, onClick: start },
    'Start this trial');

  function fieldSpec(id) {
    return id === 'days' ? fields.days() : fields[id];
  }

  function textField(id, label, help, attrs = {}) {
    const spec = fieldSpec(id);
    return h('div', { class: 'field', 'data-field': id },
      h('label', { for: `plan-${id}` }, label),
      help ? h('p', { class: 'help', id: `plan-${id}-help` }, help) : null,
      h('div', { class: 'with-unit' },
        h('input', {
          id: `plan-${id}`, name: id, type: 'text', autocomplete: 'off', value: choices[id] ?? '',
          'aria-describedby': `${help ? `plan-${id}-help ` : ''}plan-${id}-error`,
          onInput: (e) => { choices[id] = e.target.value; changed(id); },
          ...attrs,
        }),
        spec && spec.unit ? h('span', { class: 'unit' }, spec.unit) : null),
      h('p', { class: 'error', id: `plan-${id}-error`, 'aria-live': 'polite' }));
  }

  function radioField(id, legend, options) {
    if (options.length <= 1) {
      const only = options[0];
      return only ? h('p', null, h('strong', null, `${legend}: `), only.label) : null;
    }
    return h('fieldset', { class: 'field choice-group' }, h('legend', null, legend),
      h('div', { class: 'choices' }, options.map((o, i) => h('label', { class: 'choice', for: `plan-${id}-${i}` },
        h('input', { type: 'radio', name: id, id: `plan-${id}-${i}`, value: o.id, checked: choices[id] === o.id,
          onChange: (e) => { choices[id] = e.target.value; changed(id); } }),
        h('span', null, o.label, o.question ? h('span', { class: 'small block' }, `"${o.question}"`) : null)))));
  }

  const form = h('form', { novalidate: true, onSubmit: (e) => { e.preventDefault(); refresh(true); } },
    textField('product', 'The one product you will use', 'Its name as on the label. One product at a time, so you can tell what is doing what.'),
    textField('g_per_serving', `${capitalised(substanceOf(pack))} per serving of it, in grams`, 'From the label (1000 mg = 1 g).', { inputmode: 'decimal', class: 'short' }),
    h('div', { class: 'field', 'data-field': 'start' },
      h('label', { for: 'plan-start-date' }, 'First day (the baseline starts then)'),
      h('p', { class: 'help', id: 'plan-start-help' }, `The first week is a baseline without ${substanceOf(pack)}, to have something honest to compare with.`),
      h('input', { id: 'plan-start-date', name: 'start', type: 'date', value: choices.start, required: true,
        'aria-describedby': 'plan-start-help plan-start-error',
        onInput: (e) => { choices.start = e.target.value; changed('start'); } }),
      h('p', { class: 'error', id: 'plan-start-error', 'aria-live': 'polite' })),
    radioField('outcome', 'The one outcome you will score every day', outcomes),
    radioField('protocol', 'Dose protocol', protocols),
    textField('days', 'Active days', (() => {
      const p = protocolOf();
      return p ? `How long you take it before the review: ${p.active_days.min} to ${p.active_days.max} days; leave empty for ${p.active_days.default}.` : '';
    })(), { inputmode: 'numeric', class: 'short' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, 'Show the plan')));

  replace(main,
    heading,
    decisionBanner(assessment, pack),
    running
      ? h('p', { class: 'notice', id: 'plan-running' }, `A trial is already running (${running.product}, review on ${longDate(running.review_date)}). `,
        h('a', { href: '#/today' }, 'Log today'), ' or see the ', h('a', { href: '#/dashboard' }, 'dashboard'), '. One trial at a time.')
      : null,
    h('p', { class: 'lead' }, 'The plan is fixed before you start; any later change is recorded as an amendment with its reason.'),
    form, status, announce, preview,
    h('div', { class: 'actions' }, running ? null : startButton));

  function setError(id, message) {
    const el = main.querySelector(`#plan-${id}-error`);
    if (el) el.textContent = message || '';
    const input = main.querySelector(`[name="${id}"]`);
    if (input) {
      if (message) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
  }

  // The request body, or null after naming each problem beside its field.
  function body(showEmpty) {
    let ok = true;
    const out = { answers: assessment.answers };
    for (const id of ['product', 'g_per_serving', 'days']) {
      const r = check(fieldSpec(id), choices[id]);
      const empty = r.error && (choices[id] ?? '') === '';
      setError(id, r.error && (showEmpty || !empty) ? r.error : '');
      if (r.error) ok = false;
      else if (r.value !== undefined) out[id] = r.value;
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(choices.start || '')) {
      setError('start', showEmpty ? 'Choose the first day.' : '');
      ok = false;
    } else {
      setError('start', '');
      out.start = choices.start;
    }
    if (choices.outcome) out.outcome = choices.outcome;
    if (choices.protocol) out.protocol = choices.protocol;
    return ok ? out : null;
  }

  let timer = null;
  let lastBody = null;
  let latest = 0; // only the answer to the newest request counts
  function changed() {
    save(keys.planChoices, choices);
    startButton.disabled = true;
    latest += 1;
    clearTimeout(timer);
    timer = setTimeout(() => refresh(false), 250);
  }

  async function refresh(showEmpty) {
    const mine = ++latest;
    const b = body(showEmpty);
    status.textContent = '';
    if (!b) {
      replace(preview);
      startButton.disabled = true;
      if (showEmpty) main.querySelector('[aria-invalid="true"]')?.focus();
      return;
    }
    try {
      const plan = await api('POST', '/plan', b);
      if (mine !== latest) return; // the choices changed meanwhile
      lastBody = b;
      replace(preview, planView(plan, pack, assessment.answers));
      announce.textContent = `Plan updated: review on ${longDate(plan.review_date)}.`;
      startButton.disabled = false;
    } catch (e) {
      if (mine !== latest) return;
      startButton.disabled = true;
      lastBody = null;
      showFailure(e);
    }
  }

  function showFailure(e) {
    if (e instanceof ApiError && e.status === 422 && e.body && e.body.refused) {
      replace(preview, ...refusalView(e.body, pack));
      return;
    }
    if (e instanceof ApiError && e.problems.length) {
      let named = false;
      for (const p of e.problems) {
        const id = (p.where || '').replace(/^\//, '');
        if (['product', 'g_per_serving', 'days', 'start'].includes(id)) {
          setError(id, p.message);
          named = true;
        }
      }
      if (!named) status.textContent = e.message;
      return;
    }
    status.textContent = e.message;
  }

  async function start() {
    if (!lastBody) return;
    startButton.disabled = true;
    startButton.textContent = 'Starting…';
    try {
      await api('POST', '/trial', lastBody);
      navigate('#/today');
    } catch (e) {
      startButton.textContent = 'Start this trial';
      showFailure(e);
    }
  }

  // With the choices already made (or kept from before a reload), show the plan at once.
  if (body(false)) await refresh(false);
}
