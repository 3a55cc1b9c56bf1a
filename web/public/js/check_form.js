// The check's form: the pack's questionnaire, a few questions at a time, with
// help text, messages as you type, questions that appear or go with the
// answers (applies_if), and the answers sent to be assessed at the end. The
// web app's check page and the publisher's embed both run it; each says where
// the answers are kept, how they are assessed and what happens with the result.

import { ApiError } from './api.js';
import { h, replace } from './dom.js';
import { listField } from './list_field.js';
import { answersForLogic as parsedAnswers, applies, buildAnswers as typedAnswers, buildSteps } from './questionnaire.js';
import { check, isEmpty, parse } from './validate.js';

/// Runs the check in `container`. `saved` ({values, step}) resumes answers in
/// progress, `persist` keeps them as they change and `forget` drops them
/// ("start again"); `assess(answers)` resolves to the assessment (or throws
/// an ApiError) and `onResult(assessment)` shows it. `heading` and `title` are
/// the title's level and words, `intro` what follows the title.
export function checkForm(container, pack, { saved = null, persist: keep = () => {}, forget = () => {}, assess, onResult, heading = 'h1', title = 'The check', intro = [] }) {
  const questionnaire = pack.questionnaire;
  const steps = buildSteps(questionnaire);
  const state = {
    values: (saved && saved.values) || {},
    step: Math.min(Math.max((saved && saved.step) || 0, 0), steps.length - 1),
  };
  const errors = {}; // item id -> message (rows: item id -> [ {field: message} ])
  const rowErrors = {};

  function persist() {
    keep({ values: state.values, step: state.step });
  }

  const answersForLogic = () => parsedAnswers(questionnaire, state.values);
  const buildAnswers = () => typedAnswers(questionnaire, state.values);
  const stepApplies = (i, data = answersForLogic()) => steps[i].some((item) => applies(item, data));

  const view = h('div', { class: 'check' });
  replace(container, view);
  renderStep();

  function stepOf(itemId) {
    return steps.findIndex((items) => items.some((q) => q.id === itemId));
  }

  function renderStep(focusFirst = false) {
    const items = steps[state.step];
    const form = h('form', { class: 'step', novalidate: true, onSubmit: (e) => { e.preventDefault(); next(); } });
    form.append(...items.map((item) => renderItem(item)));
    form.append(
      h('div', { class: 'form-error', role: 'alert', id: 'check-banner' }),
      h('div', { class: 'actions' },
        state.step > 0 ? h('button', { type: 'button', class: 'secondary', onClick: back }, 'Back') : null,
        h('button', { type: 'submit', class: 'primary', id: 'check-next' }, 'Next')),
    );

    replace(view,
      h(heading, { tabindex: '-1' }, title),
      intro,
      h('div', { class: 'progress' },
        h('label', { for: 'check-progress', id: 'check-progress-label' }),
        h('progress', { id: 'check-progress' })),
      form,
      h('p', { class: 'small' },
        h('button', { type: 'button', class: 'link', onClick: clearAll }, 'Clear my answers and start again')),
    );
    updateVisibility();
    if (focusFirst) focusFirstField(form);
  }

  // Questions that apply, and with them the step count and whether this
  // step is the last, follow the answers as they change.
  function updateVisibility() {
    const data = answersForLogic();
    for (const el of view.querySelectorAll('[data-item]')) {
      const item = questionnaire.find((q) => q.id === el.dataset.item);
      el.hidden = !applies(item, data);
    }
    const applicable = steps.map((_, i) => i).filter((i) => i === state.step || stepApplies(i, data));
    const position = applicable.indexOf(state.step) + 1;
    const label = view.querySelector('#check-progress-label');
    const bar = view.querySelector('#check-progress');
    const button = view.querySelector('#check-next');
    if (label) label.textContent = `Step ${position} of ${applicable.length}`;
    if (bar) {
      bar.max = applicable.length;
      bar.value = position;
    }
    if (button && !button.disabled) button.textContent = applicable.some((i) => i > state.step) ? 'Next' : 'See my result';
  }

  function focusFirstField(container) {
    const el = container.querySelector('.field:not([hidden]) input:checked, .field:not([hidden]) input, .field:not([hidden]) button');
    if (el) el.focus();
  }


  function errorId(id) {
    return `q-${id}-error`;
  }

  function showError(id, message) {
    errors[id] = message || '';
    const el = view.querySelector(`#${errorId(id)}`);
    if (!el) return;
    el.textContent = message || '';
    const field = view.querySelector(`[data-item="${id}"]`);
    if (field) field.classList.toggle('invalid', Boolean(message));
    for (const input of view.querySelectorAll(`[name="${id}"]`)) {
      if (message) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
  }

  function onValue(item, raw, { live }) {
    state.values[item.id] = raw;
    persist();
    const r = parse(item, raw);
    // As you type: a wrong value is named at once; an empty one only on Next.
    if (r.error && (live || !isEmpty(raw))) showError(item.id, r.error);
    else showError(item.id, '');
    updateVisibility();
  }

  function renderItem(item) {
    const id = `q-${item.id}`;
    const helpId = `${id}-help`;
    const help = item.help ? h('p', { class: 'help', id: helpId }, item.help) : null;
    const error = h('p', { class: 'error', id: errorId(item.id), 'aria-live': 'polite' }, errors[item.id] || '');
    const describedBy = [item.help ? helpId : null, errorId(item.id)].filter(Boolean).join(' ');
    const invalid = errors[item.id] ? 'true' : null;

    if (item.type === 'enum' || item.type === 'boolean') {
      const options = item.type === 'boolean'
        ? [{ value: 'true', label: 'Yes' }, { value: 'false', label: 'No' }]
        : item.values;
      const current = state.values[item.id];
      const currentText = current === undefined || current === null ? '' : String(current);
      return h('fieldset', { class: ['field', 'choice-group', errors[item.id] && 'invalid'], 'data-item': item.id, 'aria-describedby': describedBy },
        h('legend', null, item.question),
        help,
        h('div', { class: item.type === 'boolean' ? 'choices inline' : 'choices' },
          options.map((opt, i) => h('label', { class: 'choice', for: `${id}-${i}` },
            h('input', {
              type: 'radio', name: item.id, id: `${id}-${i}`, value: opt.value,
              checked: currentText === opt.value, 'aria-invalid': invalid,
              onChange: (e) => onValue(item, item.type === 'boolean' ? e.target.value === 'true' : e.target.value, { live: true }),
            }),
            h('span', null, opt.label)))),
        error);
    }

    if (item.type === 'array') {
      return listField(item, { values: state.values, errors, rowErrors, persist }, { help, error, describedBy });
    }

    const numeric = item.type === 'integer' || item.type === 'number';
    const input = h('input', {
      type: 'text', id, name: item.id,
      inputmode: item.type === 'integer' ? 'numeric' : item.type === 'number' ? 'decimal' : null,
      autocomplete: 'off', value: state.values[item.id] ?? '',
      'aria-describedby': describedBy, 'aria-invalid': invalid, 'aria-required': item.required ? 'true' : null,
      class: numeric ? 'short' : null,
      onInput: (e) => onValue(item, e.target.value, { live: false }),
    });
    return h('div', { class: ['field', errors[item.id] && 'invalid'], 'data-item': item.id },
      h('label', { for: id }, item.question),
      help,
      h('div', { class: 'with-unit' }, input, item.unit ? h('span', { class: 'unit' }, item.unit) : null),
      error);
  }

  // Checks the applicable items of a step; shows every message; true if all pass.
  function checkStep(i) {
    const data = answersForLogic();
    let ok = true;
    for (const item of steps[i]) {
      if (!applies(item, data)) {
        showError(item.id, '');
        continue;
      }
      const r = check(item, state.values[item.id]);
      if (item.type === 'array') {
        rowErrors[item.id] = (r.errors || []).map((e) => ({ ...e }));
      }
      if (r.error) ok = false;
      if (i === state.step) showError(item.id, r.error || '');
      else errors[item.id] = r.error || '';
    }
    if (i === state.step && steps[i].some((q) => q.type === 'array')) {
      renderStep(); // redraw the rows so each field's message appears beside it
    }
    return ok;
  }

  function focusFirstError() {
    const bad = view.querySelector('[aria-invalid="true"]');
    if (bad) bad.focus();
  }

  function back() {
    const data = answersForLogic();
    let i = state.step - 1;
    while (i > 0 && !stepApplies(i, data)) i -= 1;
    state.step = Math.max(i, 0);
    persist();
    renderStep(true);
  }

  async function next() {
    if (!checkStep(state.step)) {
      focusFirstError();
      return;
    }
    const data = answersForLogic();
    let i = state.step + 1;
    while (i < steps.length && !stepApplies(i, data)) i += 1;
    if (i < steps.length) {
      state.step = i;
      persist();
      renderStep(true);
      return;
    }
    await submit();
  }

  async function submit() {
    const { answers, problems } = buildAnswers();
    if (problems.length) {
      // An earlier step went wrong (e.g. edited in another tab): go there.
      const first = stepOf(problems[0].item.id);
      state.step = first;
      persist();
      renderStep();
      checkStep(first);
      focusFirstError();
      return;
    }
    const button = view.querySelector('#check-next');
    button.disabled = true;
    button.textContent = 'Checking…';
    try {
      const assessment = await assess(answers);
      onResult(assessment);
    } catch (e) {
      button.disabled = false;
      button.textContent = 'See my result';
      if (e instanceof ApiError && e.status === 400 && e.problems.length) {
        showServerProblems(e.problems);
      } else {
        view.querySelector('#check-banner').textContent = e.message;
      }
    }
  }

  // The server's per-item problems ("/age", "/supplements/0/name") beside their fields.
  function showServerProblems(problems) {
    let firstStep = -1;
    const messages = {};
    for (const p of problems) {
      const parts = (p.where || '').split('/').slice(1);
      const id = parts[0];
      if (!id) continue;
      const s = stepOf(id);
      if (s < 0) continue;
      if (firstStep < 0 || s < firstStep) firstStep = s;
      if (parts.length >= 3) {
        rowErrors[id] = rowErrors[id] || [];
        const row = Number(parts[1]);
        rowErrors[id][row] = { ...(rowErrors[id][row] || {}), [parts[2]]: p.message };
        messages[id] = messages[id] || 'Fix the entries marked below.';
      } else {
        messages[id] = p.message;
      }
    }
    if (firstStep < 0) {
      view.querySelector('#check-banner').textContent = problems.map((p) => p.message).join(' ');
      return;
    }
    Object.assign(errors, messages);
    state.step = firstStep;
    persist();
    renderStep();
    focusFirstError();
  }

  function clearAll() {
    forget();
    state.values = {};
    state.step = 0;
    for (const k of Object.keys(errors)) delete errors[k];
    for (const k of Object.keys(rowErrors)) delete rowErrors[k];
    renderStep(true);
  }
}
