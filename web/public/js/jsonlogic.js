// A small JsonLogic evaluator (jsonlogic.com) for the questionnaire's
// `applies_if` rules, so a question appears or goes as the answers change
// without asking the server. The server checks the answers again with its
// own engine; this one only decides what to show.

function truthy(v) {
  if (Array.isArray(v)) return v.length > 0;
  return Boolean(v);
}

// As json-logic-js reads it: "a.b.0" walks objects, arrays and strings.
function getVar(data, path, fallback) {
  if (path === null || path === undefined || path === '') return data;
  let cur = data;
  for (const part of String(path).split('.')) {
    if (cur === null || cur === undefined) return fallback;
    cur = cur[part];
    if (cur === undefined) return fallback;
  }
  return cur;
}

function missing(data, args) {
  const names = Array.isArray(args[0]) ? args[0] : args;
  return names.filter((n) => {
    const v = getVar(data, n, null);
    return v === null || v === '';
  });
}

const ops = {
  '==': (a, b) => a == b, // eslint-disable-line eqeqeq -- JsonLogic's == is JavaScript's
  '===': (a, b) => a === b,
  '!=': (a, b) => a != b, // eslint-disable-line eqeqeq
  '!==': (a, b) => a !== b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '<': (a, b, c) => (c === undefined ? a < b : a < b && b < c),
  '<=': (a, b, c) => (c === undefined ? a <= b : a <= b && b <= c),
  '!': (a) => !truthy(a),
  '!!': (a) => truthy(a),
  // parseFloat on every argument, as json-logic-js does ("3 apples" is 3).
  '+': (...xs) => xs.reduce((acc, x) => acc + parseFloat(x), 0),
  '*': (...xs) => xs.reduce((acc, x) => parseFloat(acc) * parseFloat(x)),
  '-': (a, b) => (b === undefined ? -a : a - b),
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
  min: (...xs) => Math.min(...xs),
  max: (...xs) => Math.max(...xs),
  cat: (...xs) => xs.map((x) => (x === null || x === undefined ? '' : String(x))).join(''),
  in: (a, b) => (b && typeof b.indexOf === 'function' ? b.indexOf(a) !== -1 : false),
  merge: (...xs) => xs.flat(),
};

/// Evaluates `rule` on `data`. Throws on an operator it does not know, so a
/// pack using one is noticed rather than silently misread.
export function apply(rule, data) {
  if (Array.isArray(rule)) return rule.map((r) => apply(r, data));
  if (rule === null || typeof rule !== 'object') return rule;
  const keys = Object.keys(rule);
  if (keys.length !== 1) return rule;
  const op = keys[0];
  let args = rule[op];
  if (!Array.isArray(args)) args = [args];

  // Operators that decide which arguments to evaluate.
  switch (op) {
    case 'var': {
      const [path, fallback = null] = args.map((a) => apply(a, data));
      return getVar(data, path, fallback);
    }
    case 'missing':
      return missing(data, args.map((a) => apply(a, data)));
    case 'missing_some': {
      const need = apply(args[0], data);
      const names = apply(args[1], data);
      const absent = missing(data, [names]);
      const total = names === null || names === undefined ? undefined : names.length;
      return total - absent.length >= need ? [] : absent;
    }
    case 'if':
    case '?:': {
      let i = 0;
      for (; i + 1 < args.length; i += 2) {
        if (truthy(apply(args[i], data))) return apply(args[i + 1], data);
      }
      return i < args.length ? apply(args[i], data) : null;
    }
    case 'and': {
      let v = true;
      for (const a of args) {
        v = apply(a, data);
        if (!truthy(v)) return v;
      }
      return v;
    }
    case 'or': {
      let v = false;
      for (const a of args) {
        v = apply(a, data);
        if (truthy(v)) return v;
      }
      return v;
    }
    case 'some':
    case 'all':
    case 'none': {
      const value = apply(args[0], data);
      const list = Array.isArray(value) ? value : [];
      const test = (item) => truthy(apply(args[1], item));
      if (op === 'some') return list.some(test);
      if (op === 'none') return !list.some(test);
      return list.length > 0 && list.every(test);
    }
    default:
      break;
  }
  const fn = ops[op];
  if (!fn) throw new Error(`JsonLogic: unknown operator "${op}"`);
  return fn(...args.map((a) => apply(a, data)));
}

export { truthy };
