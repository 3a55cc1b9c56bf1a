// What must survive a reload before it reaches the server: the answers in
// progress, the last result, the plan's choices and today's unsaved entry.
// The trial itself lives on the server.

const PREFIX = 'trialwise.';

export function load(key, fallback = null) {
  try {
    const text = localStorage.getItem(PREFIX + key);
    return text === null ? fallback : JSON.parse(text);
  } catch (e) {
    return fallback; // storage blocked or a value from an older version
  }
}

export function save(key, value) {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch (e) {
    // Private mode or a full disk: the page still works, only a reload loses it.
  }
}

export function remove(key) {
  try {
    localStorage.removeItem(PREFIX + key);
  } catch (e) {
    // as above
  }
}

export const keys = {
  check: 'check.v1', // {values, step}
  assessment: 'assessment.v1', // the last POST /assess answer
  planChoices: 'plan.v1', // the plan form
  todayDraft: 'today.v1', // {date, ...fields} not yet saved
};
