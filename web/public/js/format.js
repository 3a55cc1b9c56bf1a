// Words for the contract's ids, and dates as people read them.

/// A group's label, as the pack names it.
export function groupLabel(pack, id) {
  const group = ((pack && pack.groups) || []).find((g) => g.id === id);
  return group ? group.label : id;
}

export const safetyLabels = {
  avoid: 'Avoid',
  clinician_first: 'See a clinician first',
  caution: 'Caution',
  ok: 'No reason to avoid found',
};

export const fitLabels = { poor: 'poor', possible: 'possible', good: 'good' };

/// The supplement as in a sentence ("no glutamine yet"), from the pack.
export function substanceOf(pack) {
  const p = (pack && pack.pack) || {};
  return p.substance || p.supplement || 'the supplement';
}

/// A status phase in words.
export function phaseLabel(phase, pack) {
  const labels = {
    not_started: 'Not started yet',
    baseline: `Baseline: no ${substanceOf(pack)}, score the outcome every day`,
    active: 'Active: taking the planned dose',
    review_due: 'Review due',
    stopped: 'Stopped',
    ended: 'Ended',
  };
  return labels[phase] || phase;
}

/// The decision in words: a headline and what it means.
export function decisionWords(decision, supplement) {
  switch (decision) {
    case 'trial_ok':
      return {
        kind: 'ok',
        title: 'A defined trial is reasonable',
        text: 'One product, one dose, one outcome, one review date. Plan it before you start, and judge it honestly at the review.',
      };
    case 'fix_basics_first':
      return {
        kind: 'basics',
        title: 'Fix the basics first',
        text: `Sleep, meals, protein, hydration and rest matter more than ${supplement}. Fix what is listed below, then take the check again.`,
      };
    case 'see_clinician':
      return {
        kind: 'stop',
        title: 'See a clinician first',
        text: `Do not start ${supplement} on your own. The article says a clinician should decide first in your situation, so Trialwise gives no plan.`,
      };
    case 'do_not_start':
      return {
        kind: 'stop',
        title: `Do not start ${supplement}`,
        text: 'The article says people in your situation should not take it on their own, so Trialwise gives no plan.',
      };
    default:
      return { kind: 'stop', title: decision, text: '' };
  }
}

/// A review verdict in plain words.
export function verdictWords(verdict) {
  switch (verdict) {
    case 'continue':
      return { kind: 'ok', title: 'Continue, and review again', text: 'There is a clear benefit and the side effects are tolerable. Keep the same plan until the next review date: never open-ended.' };
    case 'stop_no_clear_benefit':
      return { kind: 'stop', title: 'Stop: no clear benefit', text: 'A supplement that is not helping does not earn a permanent place.' };
    case 'stop_side_effects':
      return { kind: 'stop', title: 'Stop: the side effects are too strong', text: 'A side effect this strong is information, not something to push through.' };
    case 'reduce_dose':
      return { kind: 'basics', title: 'Reduce the dose', text: 'There is a benefit, but side effects rose at the higher dose: go back to the first step.' };
    case 'inconclusive':
      return { kind: 'basics', title: 'Inconclusive: the data cannot tell yet', text: 'Nothing is decided from too few days or too many missed doses.' };
    case 'see_clinician':
      return { kind: 'stop', title: 'Stop and see a clinician', text: 'A red flag was logged.' };
    case 'stop_take_a_break':
      return { kind: 'stop', title: 'Stop and take a break', text: 'It helped, but the trial has run as long as its protocol allows: a supplement should not drift into a routine forever. A later trial starts with a fresh baseline.' };
    default:
      return { kind: 'basics', title: verdict, text: '' };
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function parseDate(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

export function isoDate(date) {
  return date.toISOString().slice(0, 10);
}

/// "Mon 14 Dec 2026"
export function longDate(iso) {
  if (!iso) return '';
  const d = parseDate(iso);
  return `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/// "14 Dec"
export function shortDate(iso) {
  const d = parseDate(iso);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

export function daysBetween(a, b) {
  return Math.round((parseDate(b) - parseDate(a)) / 86400000);
}

export function addDays(iso, n) {
  const d = parseDate(iso);
  d.setUTCDate(d.getUTCDate() + n);
  return isoDate(d);
}

/// This device's date, for defaults only (the server's "today" decides).
export function localToday() {
  const now = new Date();
  return isoDate(new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())));
}

export function num(x, digits = 1) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  const r = Number(x.toFixed(digits));
  return String(r);
}

export function percent(x) {
  if (x === null || x === undefined) return '–';
  return `${Math.round(x * 100)}%`;
}

export function section(name) {
  return name === 'pack default' ? "Trialwise's own conservative default" : `Article: ${name}`;
}
