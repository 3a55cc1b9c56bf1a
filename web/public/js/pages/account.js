// Your account (serve --accounts): what you share and with whom (change it
// or stop at once), who has seen your data, everything as one file, and
// deleting the account.

import { api, ApiError } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { forgetSession, shareParts, shareWords } from '../session.js';

function shareCard(share, refresh) {
  const error = h('p', { class: 'form-error', role: 'alert' });
  const boxes = shareParts.map((p) => {
    const id = uid(`share-${p.id}`);
    return h('div', { class: 'share-choice' },
      h('input', { type: 'checkbox', id, value: p.id, checked: share.share.includes(p.id) }),
      h('label', { for: id }, p.label));
  });
  const coachPath = `/shares/${share.coach.id}`;
  const save = async () => {
    replace(error);
    const chosen = boxes.map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => i.value);
    if (!chosen.length) {
      replace(error, 'Choose at least one, or stop sharing.');
      return;
    }
    try {
      await api('PUT', coachPath, { share: chosen });
      await refresh();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      replace(error, e.message);
    }
  };
  const revoke = async () => {
    await api('DELETE', coachPath);
    await refresh();
  };
  return h('li', { class: 'share', 'data-coach': share.coach.email },
    h('p', null, h('strong', null, share.coach.email), ` sees ${shareWords(share.share)} (since ${share.since.slice(0, 10)}).`),
    h('fieldset', null, h('legend', null, `What ${share.coach.email} may see`), boxes),
    error,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', onClick: save }, 'Save'),
      h('button', { type: 'button', class: 'secondary', onClick: revoke, 'data-action': 'revoke' }, `Stop sharing with ${share.coach.email}`)));
}

function looksTable(looks) {
  if (!looks.length) return h('p', { id: 'access-none' }, 'Nobody else has seen your data.');
  return h('table', { id: 'access-log' },
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'When (UTC)'), h('th', { scope: 'col' }, 'Who'), h('th', { scope: 'col' }, 'What'))),
    h('tbody', null, looks.map((l) => h('tr', null,
      h('td', null, l.at.replace('T', ' ').replace('Z', '')),
      h('td', null, l.viewer ? `${l.viewer.email} (${l.role})` : `a ${l.role} whose account was deleted`),
      h('td', null, l.what)))));
}

function deleteForm(navigate) {
  const password = uid('password');
  const error = h('p', { class: 'form-error', role: 'alert' });
  const form = h('form', { novalidate: true },
    h('p', null, 'Deletes your account and everything about you: trials, days, notes, products, what you share. It cannot be undone; download your data first if you want to keep it.'),
    h('div', { class: 'field' }, h('label', { for: password }, 'Your password, to confirm'),
      h('input', { id: password, name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
    error,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'danger', id: 'delete-account' }, 'Delete my account')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    replace(error);
    try {
      await api('DELETE', '/me', { password: form.password.value });
      forgetSession();
      navigate('#/');
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      replace(error, err.status === 403 ? 'Wrong password: nothing was deleted.' : err.message);
    }
  });
  return form;
}

export async function render(main, { navigate, session }) {
  if (!session.accounts) {
    replace(main, h('h1', { tabindex: '-1' }, 'Account'), h('p', null, 'This Trialwise keeps one person\'s trial on this machine and has no accounts.'));
    return;
  }
  const [{ shares }, { looks }] = await Promise.all([api('GET', '/shares'), api('GET', '/me/access-log')]);
  const refresh = () => navigate('#/account');  // through the shell, so the page settles as any other
  replace(main,
    h('h1', { tabindex: '-1' }, 'Your account'),
    h('p', null, `Signed in as ${session.account.email} (${session.account.role}).`),
    h('section', { class: 'card', 'aria-labelledby': 'acct-shares' },
      h('h2', { id: 'acct-shares' }, 'What you share'),
      shares.length
        ? h('ul', { class: 'shares', id: 'shares' }, shares.map((s) => shareCard(s, refresh)))
        : h('p', { id: 'shares-none' }, 'You share nothing. A coach can send you an invitation link.')),
    h('section', { class: 'card', 'aria-labelledby': 'acct-looks' },
      h('h2', { id: 'acct-looks' }, 'Who has seen your data'), looksTable(looks)),
    h('section', { class: 'card', 'aria-labelledby': 'acct-data' },
      h('h2', { id: 'acct-data' }, 'Your data'),
      h('p', null, h('a', { href: '/api/v1/me/export', download: '' }, 'Download everything Trialwise keeps about you'), ' (one JSON file).'),
      deleteForm(navigate)));
}
