// The API key the dashboard sends, kept for this browser tab only, and the form that asks for it.
import { h } from './dom.js';

const STORAGE_KEY = 'taskcenter.apiKey';

export const apiKey = {
  get: () => sessionStorage.getItem(STORAGE_KEY),
  set: key => sessionStorage.setItem(STORAGE_KEY, key),
  clear: () => sessionStorage.removeItem(STORAGE_KEY),
};

/** The form shown when the server answers 401; onSaved runs once a key was entered. */
export function keyForm(message, onSaved) {
  const input = h('input', {
    id: 'api-key', name: 'api-key', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false',
  });
  const form = h('form', {
    class: 'card key-form',
    onsubmit: event => {
      event.preventDefault();
      apiKey.set(input.value.trim());
      onSaved();
    },
  },
  h('h2', {}, 'API key'),
  h('p', {}, 'This server asks for an API key. A viewer key shows everything; changes need a producer or admin key.'),
  message ? h('p', { class: 'error', role: 'alert' }, message) : null,
  h('label', { for: 'api-key' }, 'API key'),
  h('div', { class: 'row' }, input, h('button', { type: 'submit' }, 'Use key')),
  h('p', { class: 'hint' }, 'Kept in this tab only (session storage) and sent as Authorization: Bearer <key>.'));
  queueMicrotask(() => input.focus());
  return form;
}
