// A coach's clients (serve --accounts): invite someone, and one row per
// client who shares anything, the ones needing attention first. Each look
// is recorded for the client, who sees it on their account page.

import { api } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { longDate, percent, phaseLabel, verdictWords } from '../format.js';
import { shareWords } from '../session.js';

const remembered = new Map();

/// The row the clients list last showed for `id` (the client page's
/// heading and what is shared), without asking the server again.
export function rememberedClient(id) {
  return remembered.get(String(id)) || null;
}

function inviteCard() {
  const out = h('div', { id: 'invite-out' });
  const make = async () => {
    const made = await api('POST', '/invitations', {});
    const field = uid('invite-url');
    replace(out,
      h('div', { class: 'field' },
        h('label', { for: field }, 'Send this link to your client (it works once, until ' + longDate(made.expires.slice(0, 10)) + '):'),
        h('input', { id: field, type: 'text', readonly: true, value: made.url, class: 'invite-url' })));
    out.querySelector('input').select();
  };
  return h('section', { class: 'card', 'aria-labelledby': 'clients-invite' },
    h('h2', { id: 'clients-invite' }, 'Invite a client'),
    h('p', null, 'The client chooses what you may see, and can change it or stop at any time.'),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', id: 'invite', onClick: make }, 'Make an invitation link')),
    out);
}

function attention(t) {
  if (!t) return null;
  if (t.red_flags.length) return h('strong', { class: 'flag' }, `Red flag: ${t.red_flags.join(', ')}`);
  if (t.actions.length) return h('strong', { class: 'flag' }, `Side effects: ${t.actions.join(', ')}`);
  if (t.review_due) return 'Review due';
  return null;
}

function row(c, pack) {
  const t = c.trial;
  const link = h('a', { href: `#/client/${c.client.id}` }, c.client.email);
  if (!t) {
    return h('tr', { 'data-client': c.client.email }, h('th', { scope: 'row' }, link),
      h('td', { colspan: '6' }, c.share.includes('status') ? 'No trial running.' : `Shares ${shareWords(c.share)}.`));
  }
  return h('tr', { 'data-client': c.client.email },
    h('th', { scope: 'row' }, link),
    h('td', null, attention(t)),
    h('td', null, `${phaseLabel(t.phase, pack)}, day ${t.day}`),
    h('td', null, percent(t.adherence)),
    h('td', null, t.last_logged ? longDate(t.last_logged) : 'never'),
    h('td', null, longDate(t.review_date)),
    h('td', null, t.verdict ? verdictWords(t.verdict).title : ''));
}

export async function render(main, { pack, session }) {
  if (!session.account || session.account.role !== 'coach') {
    replace(main, h('h1', { tabindex: '-1' }, 'Clients'), h('p', null, 'Only a coach has clients here.'));
    return;
  }
  const { clients } = await api('GET', '/clients');
  remembered.clear();
  for (const c of clients) remembered.set(String(c.client.id), c);
  replace(main,
    h('h1', { tabindex: '-1' }, 'Your clients'),
    h('p', null, h('a', { href: '#/series', id: 'series-link' }, 'What your clients’ trials add up to')),
    clients.length
      ? h('table', { id: 'clients' },
        h('thead', null, h('tr', null, ['Client', 'Needs attention', 'Where', 'Adherence', 'Last logged', 'Review', 'Verdict']
          .map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', null, clients.map((c) => row(c, pack))))
      : h('p', { id: 'clients-none' }, 'No client shares anything with you yet.'),
    inviteCard());
}
