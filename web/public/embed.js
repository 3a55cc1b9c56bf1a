// <trialwise-check>: the check inside someone else's page (a publisher's
// article), from a checker (`trialwise serve --checker`). One module script
// and the element:
//
//   <script type="module" src="https://checker.example.org/embed.js"></script>
//   <trialwise-check></trialwise-check>
//
// The element draws in its own shadow root, so the page's styles cannot reach
// it and its styles cannot reach the page. It talks only to the server this
// script came from, never sends a cookie (credentials: 'omit') and keeps
// nothing: the answers live in memory until the result, and the server keeps
// none either. Optional attribute: plan-url, a Trialwise web app where a
// reader whose result allows a trial can plan it.

import { ApiError, apiAt } from './js/api.js';
import { checkForm } from './js/check_form.js';
import { h, replace } from './js/dom.js';
import { planAllowed, resultSections } from './js/result_parts.js';

// The checker that served this script (with any path prefix it sits under).
const checker = new URL('.', import.meta.url).href.replace(/\/$/, '');
const call = (method, path, body) => apiAt(checker, method, path, body, { credentials: 'omit' });

async function fetchText(path) {
  const res = await fetch(`${checker}${path}`, { credentials: 'omit' });
  if (!res.ok) throw new ApiError(res.status, null);
  return res.text();
}

// The stylesheets, fetched once per page and shared by every element on it.
let sheets = null;
function loadSheets() {
  sheets ||= Promise.all([fetchText('/css/check.css'), fetchText('/embed/embed.css')]).catch((e) => {
    sheets = null;
    throw e;
  });
  return sheets;
}

function adopt(root, texts) {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    root.adoptedStyleSheets = texts.map((text) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(text);
      return sheet;
    });
  } else {
    root.prepend(...texts.map((text) => h('style', null, text)));
  }
}

class TrialwiseCheck extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.started = false;
  }

  connectedCallback() {
    if (this.started) return;
    this.started = true;
    this.frame = h('div', { class: 'frame', role: 'region', 'aria-label': 'Supplement check', 'aria-busy': 'true' },
      h('p', { class: 'small' }, 'Loading the check…'));
    this.shadowRoot.append(this.frame);
    this.load();
  }

  async load() {
    try {
      const [texts, pack] = await Promise.all([loadSheets(), call('GET', '/pack')]);
      adopt(this.shadowRoot, texts);
      this.pack = pack;
      this.saved = null;
      this.showCheck();
    } catch (e) {
      this.showUnavailable(e);
    }
  }

  get supplement() {
    return (this.pack.pack && this.pack.pack.supplement) || 'this supplement';
  }

  // The frame's content, with the pack's disclaimer always under it.
  draw(...children) {
    const d = this.pack && this.pack.pack && this.pack.pack.disclaimer;
    this.frame.removeAttribute('aria-busy');
    this.frame.setAttribute('aria-label', this.pack ? `${this.supplement} check` : 'Supplement check');
    replace(this.frame,
      h('div', { class: 'body' }, children),
      d ? h('p', { class: 'disclaimer' }, h('strong', null, 'Not medical advice. '), d.text) : null,
      h('p', { class: 'brand' }, 'Checked by Trialwise'));
    return this.frame.querySelector('.body');
  }

  showCheck({ focus = false } = {}) {
    const body = this.draw();
    checkForm(body, this.pack, {
      saved: this.saved,
      persist: (state) => { this.saved = state; },
      forget: () => { this.saved = null; },
      assess: (answers) => call('POST', '/assess', answers),
      onResult: (assessment) => this.showResult(assessment),
      heading: 'h2',
      title: `Does ${this.supplement} fit you?`,
      intro: h('p', { class: 'lead' }, 'A few questions from the article, so that the answer fits your situation. Your answers are not stored: they are checked once and forgotten.'),
    });
    if (focus) body.querySelector('h2').focus();
  }

  showResult(assessment) {
    const planUrl = this.getAttribute('plan-url');
    const body = this.draw(
      h('h2', { tabindex: '-1', id: 'result-title' }, 'Your result'),
      resultSections(assessment, this.pack),
      h('div', { class: 'actions' },
        planUrl && planAllowed(assessment)
          ? h('a', { class: 'button primary', href: planUrl, target: '_blank', rel: 'noopener noreferrer' }, 'Plan the trial in Trialwise')
          : null,
        h('button', { type: 'button', class: 'secondary', id: 'change-answer', onClick: () => this.showCheck({ focus: true }) }, 'Change an answer'),
        h('button', { type: 'button', class: 'link', id: 'start-again', onClick: () => { this.saved = null; this.showCheck({ focus: true }); } }, 'Start again')));
    body.querySelector('#result-title').focus();
  }

  showUnavailable(error) {
    const why = error instanceof ApiError && error.status === 429
      ? 'Many people are using the check just now.'
      : 'The check could not be loaded.';
    this.draw(
      h('p', { role: 'alert' }, `${why} Please try again in a moment.`),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', onClick: () => this.load() }, 'Try again')));
  }
}

if (!customElements.get('trialwise-check')) customElements.define('trialwise-check', TrialwiseCheck);
