// The dashboard's entry point: the pages by route, and what every page shares (navigation, loading, errors, API key).
import { ApiError } from './api.js';
import { apiKey, keyForm } from './auth.js';
import { h } from './dom.js';
import { route, refresh, start } from './router.js';
import { overviewPage } from './pages/overview.js';
import { tasksPage } from './pages/tasks.js';
import { taskPage } from './pages/task.js';
import { deadLettersPage } from './pages/dead-letters.js';

route('/', overviewPage);
route('/tasks', tasksPage);
route('/tasks/:id', taskPage);
route('/dead-letters', deadLettersPage);

const view = document.getElementById('view');
const forgetKey = document.getElementById('forget-key');
let renderCount = 0;
let shownPath;

forgetKey.addEventListener('click', () => {
  apiKey.clear();
  refresh();
});

async function render({ path, page, params, query }) {
  const token = ++renderCount;
  markNavigation(path);
  forgetKey.hidden = !apiKey.get();
  if (!page) {
    show(h('section', { class: 'card' }, h('h1', {}, 'Not found'), h('p', {}, `No page at ${path}.`),
      h('a', { href: '#/' }, 'Go to the overview')), path);
    return;
  }
  if (path !== shownPath) {
    view.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
  }
  view.setAttribute('aria-busy', 'true');
  let content;
  try {
    content = await page({ params, query });
  } catch (error) {
    content = errorView(error);
  }
  // A later navigation has started: its page is shown instead.
  if (token === renderCount) {
    show(content, path);
    forgetKey.hidden = !apiKey.get();
  }
}

function show(content, path) {
  view.replaceChildren(content);
  view.removeAttribute('aria-busy');
  shownPath = path;
}

function errorView(error) {
  if (error instanceof ApiError && error.status === 401) {
    const refused = apiKey.get() ? `The key was refused: ${error.message}` : null;
    apiKey.clear();
    return keyForm(refused, refresh);
  }
  const message = error instanceof ApiError ? `${error.status}: ${error.message}` : String(error?.message ?? error);
  return h('section', { class: 'card' },
    h('h1', {}, error?.status === 404 ? 'Not found' : 'Could not load this page'),
    h('p', { class: 'error', role: 'alert' }, message),
    h('button', { type: 'button', onclick: refresh }, 'Try again'));
}

function markNavigation(path) {
  const section = path.split('/')[1] || 'overview';
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === section) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
}

start(render);
