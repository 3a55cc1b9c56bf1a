// The JSON API (/api/v1, described at /api/v1/openapi.json). Every failure
// becomes an ApiError carrying the server's {"error": {code, message, where,
// problems?}} so pages can put each message next to its field.

export class ApiError extends Error {
  constructor(status, body) {
    const error = (body && body.error) || {};
    super(error.message || `the server answered ${status}`);
    this.status = status;
    this.code = error.code || 'unknown';
    this.where = error.where || '';
    this.problems = error.problems || (error.message ? [error] : []);
    this.body = body;
  }
}

export async function api(method, path, body) {
  return apiAt('', method, path, body);
}

/// The same for a server at `origin` ('' for this page's own), with the
/// fetch's `credentials` ('omit' where no cookie may go, as from the embed).
export async function apiAt(origin, method, path, body, { credentials = 'same-origin' } = {}) {
  const init = { method, headers: { Accept: 'application/json' }, credentials };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(`${origin}/api/v1${path}`, init);
  } catch (e) {
    throw new ApiError(0, { error: { code: 'network', message: origin ? `${origin} is not answering` : 'Trialwise is not answering: is `trialwise serve` still running?' } });
  }
  const text = await res.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch (e) {
      data = { error: { code: 'bad_reply', message: `the server sent something that is not JSON (${res.status})` } };
    }
  }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

let packPromise = null;
/// The pack's questionnaire, outcomes, side effects, red flags, protocols and
/// disclaimer; fetched once per page load.
export function loadPack() {
  if (!packPromise) {
    packPromise = api('GET', '/pack').catch((e) => {
      packPromise = null;
      throw e;
    });
  }
  return packPromise;
}

/// The running trial from the list of trials, or null. The list answers 200
/// whether or not a trial runs, so asking costs no error.
export async function runningTrial() {
  const { trials } = await api('GET', '/trials');
  return trials.find((t) => !t.ended_on) || null;
}
