// The check: the pack's questionnaire, a few questions at a time, with help
// text, messages as you type, questions that appear or go with the answers
// (applies_if), and every keystroke kept in localStorage so that a reload
// loses nothing. The answers go to POST /api/v1/assess at the end.

import { api, ApiError } from '../api.js';
import { h, replace } from '../dom.js';
import { apply, truthy } from '../jsonlogic.js';
import { keys, load, remove, save } from '../state.js';
import { check, fieldApplies, isEmpty, parse } from '../validate.js';

const PER_STEP = 3;

/// Steps of up to three questions in the pack's order; a list question
/// (supplements) gets a step of its own.
function buildSteps(questionnaire) {
  const steps = [];
  let current = [];
  for (const item of questionnaire) {
    if (item.type === 'array') {
      if (current.length) steps.push(current);
      steps.push([item]);
      current = [];
      continue;
    }
    current.push(item);
    if (current.length === PER_STEP) {
      steps.push(current);
      current = [];
    }
  }
  if (current.length) steps.push(current);
  return steps;
}

export async function render(main, { pack, navigate }) {
  const questionnaire = pack.questionnaire;
  const steps = buildSteps(questionnaire);
  const saved = load(keys.check, null);
  const state = {
    values: (saved && saved.values) || {},
    step: Math.min(Math.max((saved && saved.step) || 0, 0), steps.length - 1),
  };
  const errors = {}; // item id -> message (rows: item id -> [ {field: message} ])
  const rowErrors = {};

  function persist() {
    save(keys.check, { values: state.values, step: state.step });
  }

  // Parsed answers so far, for the applies_if rules (invalid ones left out).
  function answersForLogic() {
    const data = {};
    for (const item of questionnaire) {
      if (item.type === 'array') continue;
      const r = parse(item, state.values[item.id]);
      if (!r.error && r.value !== undefined) data[item.id] = r.value;
    }
    return data;
  }

  function applies(item, data = answersForLogic()) {
    if (!item.applies_if) return true;
    try {
      return truthy(apply(item.applies_if, data));
    } catch (e) {
      return true; // a rule this page cannot read: ask rather than skip (the server does the same)
    }
  }

  function stepApplies(i, data = answersForLogic()) {
    return steps[i].some((item) => applies(item, data));
  }

  // The answers as the API takes them: applicable items only, typed.
  function buildAnswers() {
    const data = answersForLogic();
    const answers = {};
    const problems = [];
    for (const item of questionnaire) {
      if (!applies(item, data)) continue;
      const r = check(item, item.type === 'array' ? state.values[item.id] || [] : state.values[item.id]);
      if (r.error) problems.push({ item, result: r });
      if (r.value !== undefined) answers[item.id] = r.value;
    }
    return { answers, problems };
  }

  const view = h('div', { class: 'check' });
  replace(main, view);
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
      h('h1', { tabindex: '-1' }, 'The check'),
      h('p', { class: 'lead' }, 'A few questions from the article, so that the answer fits your situation. Your answers stay on this device until you ask for the result.'),
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

    if (item.type === 'array') return renderList(item, help, error, describedBy);

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

  // A list question: rows of fields, added and removed with buttons.
  function renderList(item, help, error, describedBy) {
    const rows = Array.isArray(state.values[item.id]) ? state.values[item.id] : [];
    state.values[item.id] = rows;
    const list = h('ol', { class: 'rows' });
    const wrap = h('fieldset', { class: ['field', 'list', errors[item.id] && 'invalid'], 'data-item': item.id, 'aria-describedby': describedBy },
      h('legend', null, item.question), help, list,
      h('p', { class: 'small', id: `q-${item.id}-empty` }),
      h('button', { type: 'button', class: 'secondary', id: `q-${item.id}-add`, onClick: () => addRow() }, 'Add a product'),
      error);

    function drawRows(focusRow = -1) {
      const empty = wrap.querySelector(`#q-${item.id}-empty`);
      empty.textContent = rows.length === 0 ? 'None listed: that counts as taking none. Add each product you take.' : '';
      replace(list, rows.map((row, r) => {
        const errs = (rowErrors[item.id] && rowErrors[item.id][r]) || {};
        return h('li', null, h('fieldset', { class: 'row' },
          h('legend', null, `Product ${r + 1}`),
          item.fields.filter((field) => fieldApplies(field, row)).map((field) => rowField(field, row, r, errs[field.id])),
          h('button', { type: 'button', class: 'link', onClick: () => removeRow(r) }, `Remove product ${r + 1}`)));
      }));
      if (focusRow >= 0) {
        const first = list.querySelectorAll('li')[focusRow]?.querySelector('input');
        if (first) first.focus();
      }
    }

    function rowField(field, row, r, message) {
      const fid = `q-${item.id}-${r}-${field.id}`;
      const errId = `${fid}-error`;
      const helpId = `${fid}-help`;
      const err = h('p', { class: 'error', id: errId, 'aria-live': 'polite' }, message || '');
      const setError = (msg) => {
        err.textContent = msg || '';
        const input = document.getElementById(fid);
        if (input) {
          if (msg) input.setAttribute('aria-invalid', 'true');
          else input.removeAttribute('aria-invalid');
        }
        rowErrors[item.id] = rowErrors[item.id] || [];
        rowErrors[item.id][r] = { ...(rowErrors[item.id][r] || {}), [field.id]: msg || '' };
      };
      if (field.type === 'boolean') {
        return h('div', { class: 'field check-field' },
          h('label', { class: 'choice', for: fid },
            h('input', {
              type: 'checkbox', id: fid, checked: row[field.id] === true, 'aria-describedby': `${helpId} ${errId}`,
              onChange: (e) => { row[field.id] = e.target.checked; persist(); },
            }),
            h('span', null, field.question)),
          field.help ? h('p', { class: 'help', id: helpId }, field.help) : null,
          err);
      }
      if (field.type === 'enum') {
        // A choice that decides which other fields the row asks: redraw.
        return h('div', { class: 'field' },
          h('label', { for: fid }, field.question),
          field.help ? h('p', { class: 'help', id: helpId }, field.help) : null,
          h('select', {
            id: fid, 'aria-describedby': `${field.help ? `${helpId} ` : ''}${errId}`, 'aria-invalid': message ? 'true' : null,
            onChange: (e) => {
              row[field.id] = e.target.value || undefined;
              for (const other of item.fields) if (!fieldApplies(other, row)) delete row[other.id];
              persist();
              setError('');
              drawRows();
              document.getElementById(fid)?.focus();
            },
          },
          h('option', { value: '', selected: !row[field.id] }, 'Choose…'),
          (field.values || []).map((v) => h('option', { value: v.value, selected: row[field.id] === v.value }, v.label))),
          err);
      }
      const numeric = field.type === 'integer' || field.type === 'number';
      return h('div', { class: 'field' },
        h('label', { for: fid }, field.question),
        field.help ? h('p', { class: 'help', id: helpId }, field.help) : null,
        h('div', { class: 'with-unit' },
          h('input', {
            type: 'text', id: fid, autocomplete: 'off', value: row[field.id] ?? '',
            inputmode: numeric ? 'decimal' : null, class: numeric ? 'short' : null,
            'aria-describedby': `${field.help ? `${helpId} ` : ''}${errId}`, 'aria-invalid': message ? 'true' : null,
            onInput: (e) => {
              row[field.id] = e.target.value;
              persist();
              const r2 = parse(field, e.target.value);
              setError(r2.error || '');
            },
          }),
          field.unit ? h('span', { class: 'unit' }, field.unit) : null),
        err);
    }

    function addRow() {
      const row = {};
      for (const field of item.fields) if (field.type === 'boolean') row[field.id] = field.default ?? false;
      rows.push(row);
      persist();
      drawRows(rows.length - 1);
    }

    function removeRow(r) {
      rows.splice(r, 1);
      if (rowErrors[item.id]) rowErrors[item.id].splice(r, 1);
      persist();
      drawRows();
      wrap.querySelector(`#q-${item.id}-add`).focus();
    }

    drawRows();
    return wrap;
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
      const assessment = await api('POST', '/assess', answers);
      save(keys.assessment, assessment);
      navigate('#/result');
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
    remove(keys.check);
    remove(keys.assessment);
    state.values = {};
    state.step = 0;
    for (const k of Object.keys(errors)) delete errors[k];
    for (const k of Object.keys(rowErrors)) delete rowErrors[k];
    renderStep(true);
  }
}
