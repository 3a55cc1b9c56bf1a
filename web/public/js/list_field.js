// The check's list question (the products someone takes): a row of fields
// per product, fields that appear with the row's own answers, and a message
// beside each field.

import { h, replace } from './dom.js';
import { fieldApplies, parse } from './validate.js';

/// A list question (the products taken): rows of fields, added and removed
/// with buttons. `page` is the check's state: `values` (the rows are kept in
/// values[item.id]), `errors` and `rowErrors` (messages by item, and by row and
/// field), and `persist` (saves the values). `parts` are the field's help,
/// error and aria-describedby, made by the page as for any question.
export function listField(item, page, { help, error, describedBy }) {
  const { values, errors, rowErrors, persist } = page;
  const rows = Array.isArray(values[item.id]) ? values[item.id] : [];
  values[item.id] = rows;
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
