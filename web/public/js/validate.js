// Checking one answer against its questionnaire item (type, range, choices,
// length), with messages that say what is wrong and what to enter. The
// server checks again; these messages appear as the person types.

import { apply, truthy } from './jsonlogic.js';

function unitText(item) {
  return item.unit ? ` ${item.unit}` : '';
}

function rangeText(item) {
  const hasMin = typeof item.min === 'number';
  const hasMax = typeof item.max === 'number';
  if (hasMin && hasMax) return `between ${item.min} and ${item.max}${unitText(item)}`;
  if (hasMin) return `at least ${item.min}${unitText(item)}`;
  if (hasMax) return `at most ${item.max}${unitText(item)}`;
  return '';
}

/// Whether a raw input value counts as no answer.
export function isEmpty(raw) {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

/// Parses a raw value typed or chosen for `item`. Returns {value} or {error}.
/// Empty input gives {value: undefined} (required-ness is checked apart).
export function parse(item, raw) {
  if (isEmpty(raw)) return { value: undefined };
  switch (item.type) {
    case 'integer':
    case 'number': {
      const text = String(raw).trim().replace(',', '.');
      const pattern = item.type === 'integer' ? /^[+-]?\d+$/ : /^[+-]?(\d+\.?\d*|\.\d+)$/;
      if (!pattern.test(text)) {
        return {
          error: item.type === 'integer'
            ? `Enter a whole number${rangeText(item) ? `, ${rangeText(item)}` : ''}.`
            : `Enter a number${rangeText(item) ? `, ${rangeText(item)}` : ''}.`,
        };
      }
      const value = Number(text);
      if ((typeof item.min === 'number' && value < item.min) || (typeof item.max === 'number' && value > item.max)) {
        return { error: `${value}${unitText(item)} is out of range: enter a number ${rangeText(item)}.` };
      }
      return { value };
    }
    case 'boolean':
      if (raw === true || raw === 'true') return { value: true };
      if (raw === false || raw === 'false') return { value: false };
      return { error: 'Choose yes or no.' };
    case 'enum': {
      const ok = (item.values || []).some((v) => v.value === raw);
      return ok ? { value: raw } : { error: 'Choose one of the options.' };
    }
    case 'string': {
      const text = String(raw);
      const max = item.max_length;
      if (max && new TextEncoder().encode(text).length > max) return { error: `Keep it to ${max} characters or fewer.` };
      return { value: text.trim() };
    }
    default:
      return { error: `This form cannot read a "${item.type}" answer.` };
  }
}

/// The message for a required item left empty.
export function requiredMessage(item) {
  switch (item.type) {
    case 'boolean':
      return 'Please answer yes or no.';
    case 'enum':
      return 'Please choose one of the options.';
    default:
      return `Please fill this in${rangeText(item) ? ` (${rangeText(item)})` : ''}.`;
  }
}

/// Whether a list's field is asked, from the other fields of its row (the
/// server decides the same way; a rule this page cannot read asks).
export function fieldApplies(field, row) {
  if (!field.applies_if) return true;
  const data = {};
  for (const [k, v] of Object.entries(row || {})) if (!isEmpty(v)) data[k] = v;
  try {
    return truthy(apply(field.applies_if, data));
  } catch (e) {
    return true;
  }
}

/// Checks one answer (raw) to `item`, required-ness included. Returns
/// {value, error}; for a list, `errors` holds one object of field errors per row.
export function check(item, raw) {
  if (item.type === 'array') {
    const rows = Array.isArray(raw) ? raw : [];
    const errors = [];
    const value = [];
    let bad = false;
    rows.forEach((row, i) => {
      const rowErrors = {};
      const out = {};
      for (const field of item.fields || []) {
        if (!fieldApplies(field, row)) continue;  // not asked for this row: nothing sent
        const r = check(field, row[field.id]);
        if (r.error) {
          rowErrors[field.id] = r.error;
          bad = true;
        } else if (r.value !== undefined) {
          out[field.id] = r.value;
        } else if (field.default !== undefined) {
          out[field.id] = field.default;
        }
      }
      errors[i] = rowErrors;
      value.push(out);
    });
    if (item.max_items && rows.length > item.max_items) {
      return { value, errors, error: `List at most ${item.max_items}.` };
    }
    return bad ? { value, errors, error: 'Fix the entries marked below.' } : { value, errors };
  }
  const r = parse(item, raw);
  if (r.error) return r;
  if (r.value === undefined && item.required) return { error: requiredMessage(item) };
  return r;
}
