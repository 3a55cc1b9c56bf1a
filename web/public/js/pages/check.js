// The check page: the check's form (check_form.js) with every keystroke kept
// in localStorage, so that a reload loses nothing, and the result kept for
// the result page. The answers go to POST /api/v1/assess at the end.

import { api } from '../api.js';
import { checkForm } from '../check_form.js';
import { h } from '../dom.js';
import { keys, load, remove, save } from '../state.js';

export async function render(main, { pack, navigate }) {
  checkForm(main, pack, {
    saved: load(keys.check, null),
    persist: (state) => save(keys.check, state),
    forget: () => {
      remove(keys.check);
      remove(keys.assessment);
    },
    assess: (answers) => api('POST', '/assess', answers),
    onResult: (assessment) => {
      save(keys.assessment, assessment);
      navigate('#/result');
    },
    intro: h('p', { class: 'lead' }, 'A few questions from the article, so that the answer fits your situation. Your answers stay on this device until you ask for the result.'),
  });
}
