// Joining a coach (#/join/TOKEN): who invites, what to share (nothing is
// chosen for the person), then accept signed in, or create an account
// through the invitation.

import { api, ApiError } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { forgetSession, shareParts } from '../session.js';

function tokenFromHash() {
  return (window.location.hash.split('?')[0].split('/')[2] || '').trim();
}

function choices() {
  return h('fieldset', { class: 'field', id: 'join-share' },
    h('legend', null, 'What may your coach see?'),
    h('p', { class: 'small' }, 'Choose at least one. You can change it or stop sharing at any time, from your account page; every look your coach takes is listed there.'),
    shareParts.map((p) => {
      const id = uid(`share-${p.id}`);
      return h('div', { class: 'share-choice' },
        h('input', { type: 'checkbox', id, name: 'share', value: p.id }),
        h('label', { for: id }, p.label, h('span', { class: 'small' }, ` (${p.hint})`)));
    }));
}

export async function render(main, { navigate, session }) {
  const token = tokenFromHash();
  if (!session.accounts) {
    replace(main, h('h1', { tabindex: '-1' }, 'Join a coach'), h('p', null, 'This Trialwise keeps one person\'s trial and has no accounts.'));
    return;
  }
  let invitation;
  try {
    invitation = await api('GET', `/invitations/${encodeURIComponent(token)}`);
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) throw e;
    replace(main, h('h1', { tabindex: '-1' }, 'Join a coach'),
      h('p', { class: 'form-error', role: 'alert' }, 'This invitation cannot be used: it was used already, has expired (after 7 days) or the link is incomplete. Ask your coach for a new one.'));
    return;
  }
  const coach = invitation.coach.email;
  const error = h('p', { class: 'form-error', role: 'alert', id: 'join-error' });
  const signedIn = Boolean(session.account);
  const password = uid('password');
  const email = uid('email');
  const form = h('form', { class: 'card', novalidate: true },
    choices(),
    signedIn
      ? h('p', null, `You are signed in as ${session.account.email}.`)
      : [h('p', null, 'Create your account (a person account; only you can sign in to it):'),
        h('div', { class: 'field' }, h('label', { for: email }, 'Email'),
          h('input', { id: email, name: 'email', type: 'email', autocomplete: 'username', required: true })),
        h('div', { class: 'field' }, h('label', { for: password }, 'Password (at least 12 characters; a few words work well)'),
          h('input', { id: password, name: 'password', type: 'password', autocomplete: 'new-password', required: true }))],
    error,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'join-submit' }, `Share with ${coach}`)));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    replace(error);
    const share = [...form.querySelectorAll('input[name=share]:checked')].map((x) => x.value);
    if (!share.length) {
      replace(error, 'Choose at least one thing to share.');
      return;
    }
    const body = signedIn ? { share } : { share, email: form.email.value.trim(), password: form.password.value };
    try {
      await api('POST', `/invitations/${encodeURIComponent(token)}/accept`, body);
      forgetSession();
      navigate('#/account');
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      replace(error, err.message);
    }
  });
  replace(main,
    h('h1', { tabindex: '-1' }, `${coach} invites you`),
    h('p', null, 'Your coach would like to follow your trial. Nothing is shared until you choose it here.'),
    form,
    signedIn ? null : h('p', null, 'Already have an account? ', h('a', { href: `#/signin?next=${encodeURIComponent(`#/join/${token}`)}` }, 'Sign in first'), '.'));
}
