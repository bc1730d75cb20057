// One message line under the header: what an action did, or why it failed.
import { h } from './dom.js';

export function notify(message, kind = 'info') {
  const notice = document.getElementById('notice');
  notice.replaceChildren(h('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : null },
    h('span', {}, message),
    h('button', { type: 'button', class: 'link', 'aria-label': 'Dismiss', onclick: clearNotice }, '×')));
}

export function clearNotice() {
  document.getElementById('notice').replaceChildren();
}
