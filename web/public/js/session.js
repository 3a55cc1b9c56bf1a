// Who is signed in. GET /api/v1/session always answers 200: {accounts:
// false} on a one-person server; with accounts, the account or null. Asked
// once per page load and again after signing in or out.

import { api } from './api.js';

let current = null;

export async function sessionState() {
  if (!current) {
    current = api('GET', '/session').catch((e) => {
      current = null;
      throw e;
    });
  }
  return current;
}

/// Forget what was known: the next sessionState() asks the server again.
export function forgetSession() {
  current = null;
}

/// Whether the pages that hold a person's data must wait for a sign-in.
export function mustSignIn(session) {
  return Boolean(session.accounts && !session.account);
}

/// What a person may share with a coach, in the words the pages use.
export const shareParts = [
  { id: 'status', label: 'My dashboard and logged days', hint: 'phase, doses, adherence, side effects, notes' },
  { id: 'review', label: 'My review', hint: 'the verdict and the chart at the review date' },
  { id: 'report', label: 'The clinician\'s report', hint: 'the printable page with the plan and the review' },
];

export function shareWords(ids) {
  return shareParts.filter((p) => ids.includes(p.id)).map((p) => p.label.toLowerCase()).join(', ');
}
