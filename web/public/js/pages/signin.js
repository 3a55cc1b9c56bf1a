// Sign in (serve --accounts): email and password, then back to the page
// that asked (#/signin?next=#/today), or the dashboard.

import { api, ApiError } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { forgetSession } from '../session.js';

/// Where to go after signing in: the `next` of the hash, if it is a page of the app.
export function nextPage(fallback = '#/dashboard') {
  const query = window.location.hash.split('?')[1] || '';
  const next = new URLSearchParams(query).get('next');
  return next && next.startsWith('#/') ? next : fallback;
}

export function signInForm({ next, title = 'Sign in', navigate, intro = null }) {
  const email = uid('email');
  const password = uid('password');
  const error = h('p', { class: 'form-error', role: 'alert', id: 'signin-error' });
  const form = h('form', { class: 'card', novalidate: true },
    h('div', { class: 'field' },
      h('label', { for: email }, 'Email'),
      h('input', { id: email, name: 'email', type: 'email', autocomplete: 'username', required: true })),
    h('div', { class: 'field' },
      h('label', { for: password }, 'Password'),
      h('input', { id: password, name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
    error,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'signin-submit' }, 'Sign in')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    replace(error);
    try {
      await api('POST', '/session', { email: form.email.value.trim(), password: form.password.value });
      forgetSession();
      navigate(next);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      replace(error, err.status === 401 ? 'Wrong email or password.' : err.message);
      form.password.value = '';
      form.password.focus();
    }
  });
  return [h('h1', { tabindex: '-1' }, title), intro, form];
}

export async function render(main, { navigate, session }) {
  if (!session.accounts) {
    replace(main, h('h1', { tabindex: '-1' }, 'Sign in'),
      h('p', null, 'This Trialwise keeps one person\'s trial on this machine: there is nothing to sign in to.'));
    return;
  }
  replace(main, ...signInForm({ next: nextPage(), navigate,
    intro: h('p', null, 'Your trial is kept on this server under your account. No account yet? Your coach sends you an invitation link.') }));
}
