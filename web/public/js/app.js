// The app's shell: hash routes to pages, the disclaimer from the pack on
// every page, focus moved to each page's heading, and errors shown on the
// page (never only in the console). On a server with accounts, the pages
// that hold a person's data wait for a sign-in, and the header says who is
// signed in.

import { api, loadPack } from './api.js';
import { h, replace } from './dom.js';
import * as account from './pages/account.js';
import * as check from './pages/check.js';
import * as client from './pages/client.js';
import * as clients from './pages/clients.js';
import * as dashboard from './pages/dashboard.js';
import * as history from './pages/history.js';
import * as home from './pages/home.js';
import * as join from './pages/join.js';
import * as plan from './pages/plan.js';
import * as result from './pages/result.js';
import * as review from './pages/review.js';
import * as series from './pages/series.js';
import * as signin from './pages/signin.js';
import * as today from './pages/today.js';
import { forgetSession, mustSignIn, sessionState } from './session.js';

// `open`: works without signing in (the check is anonymous; joining and
// signing in come before an account).
const routes = {
  '': { page: home, title: 'Start', open: true },
  check: { page: check, title: 'The check', open: true },
  result: { page: result, title: 'Your result', open: true },
  plan: { page: plan, title: 'Plan your trial' },
  today: { page: today, title: 'Log today' },
  dashboard: { page: dashboard, title: 'Dashboard' },
  review: { page: review, title: 'Review' },
  history: { page: history, title: 'History' },
  signin: { page: signin, title: 'Sign in', open: true },
  join: { page: join, title: 'Join a coach', open: true },
  account: { page: account, title: 'Your account' },
  clients: { page: clients, title: 'Your clients' },
  client: { page: client, title: 'Client' },
  series: { page: series, title: 'Across your clients' },
};

const main = document.getElementById('main');
const disclaimer = document.getElementById('disclaimer');
let firstRender = true;
let renderCount = 0;

function routeName() {
  return window.location.hash.replace(/^#\/?/, '').split(/[/?]/)[0];
}

function navigate(hash) {
  if (window.location.hash === hash) show();
  else window.location.hash = hash;
}

function markNav(name) {
  for (const a of document.querySelectorAll('nav.main a')) {
    const target = a.getAttribute('href').replace(/^#\/?/, '');
    if (target === name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

async function show() {
  const name = routeName();
  const route = routes[name];
  const mine = ++renderCount;
  markNav(name);
  if (!route) {
    document.title = 'Not found · Trialwise';
    replace(main, h('h1', { tabindex: '-1' }, 'No such page'), h('p', null, h('a', { href: '#/' }, 'Go to the start')));
    main.querySelector('h1').focus();
    return;
  }
  document.title = `${route.title} · Trialwise`;
  main.setAttribute('aria-busy', 'true');
  try {
    const [pack, session] = await Promise.all([loadPack(), sessionState()]);
    showDisclaimer(pack);
    showAccount(session);
    if (!route.open && mustSignIn(session)) {
      replace(main, ...signin.signInForm({ next: window.location.hash || '#/dashboard', title: route.title, navigate,
        intro: h('p', null, 'Sign in to see this page.') }));
      return;
    }
    await route.page.render(main, { pack, navigate, session });
  } catch (e) {
    if (mine !== renderCount) return;
    replace(main,
      h('h1', { tabindex: '-1' }, route.title),
      h('p', { class: 'form-error', role: 'alert' }, `Something went wrong: ${e.message}`),
      h('p', null, h('button', { type: 'button', class: 'secondary', onClick: show }, 'Try again')));
  } finally {
    if (mine === renderCount) {
      main.removeAttribute('aria-busy');
      main.dataset.page = name || 'home';
      // Move focus to the new page's heading, except on first load (the
      // person has not navigated yet) and when a page already moved it.
      if (!firstRender && !main.contains(document.activeElement)) {
        const heading = main.querySelector('h1');
        if (heading) heading.focus();
      }
      firstRender = false;
      main.dataset.ready = String(mine);
    }
  }
}

// The header's account corner: who is signed in, their pages, signing out.
function showAccount(session) {
  const corner = document.getElementById('account-nav');
  if (!session.accounts) {
    replace(corner);
    return;
  }
  if (!session.account) {
    replace(corner, h('a', { href: '#/signin', id: 'nav-signin' }, 'Sign in'));
    return;
  }
  const signOut = async () => {
    await api('DELETE', '/session');
    forgetSession();
    navigate('#/');
  };
  replace(corner,
    h('span', { class: 'who', id: 'nav-who' }, session.account.email),
    session.account.role === 'coach' ? h('a', { href: '#/clients', id: 'nav-clients' }, 'Clients') : null,
    h('a', { href: '#/account', id: 'nav-account' }, 'Account'),
    h('button', { type: 'button', class: 'link', id: 'nav-signout', onClick: signOut }, 'Sign out'));
}

function showDisclaimer(pack) {
  const d = pack.pack && pack.pack.disclaimer;
  if (d && disclaimer.dataset.shown !== '1') {
    replace(disclaimer, h('strong', null, 'Not medical advice. '), d.text);
    disclaimer.dataset.shown = '1';
  }
}

// The skip link moves focus without touching the route in the hash.
document.querySelector('a.skip').addEventListener('click', (e) => {
  e.preventDefault();
  main.focus();
});

window.addEventListener('hashchange', show);
show();
