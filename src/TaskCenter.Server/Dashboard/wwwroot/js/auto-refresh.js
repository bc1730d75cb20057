// Keeping a shown page current: it loads its data again every 10 s while the tab is visible and no dialog (an edit
// form, a confirmation) is open, rebuilds only the parts whose data changed, and says when it last did.
import { append, h } from './dom.js';
import { timeOfDay } from './format.js';

export const REFRESH_MS = 10_000;

const dialogOpen = () => document.querySelector('dialog[open]') !== null;

/**
 * Runs load() every REFRESH_MS and hands its result to show(); stops for good once the returned note ("updated
 * 14:03:07", to be placed on the page) is no longer in the document, i.e. the page was left or rendered anew.
 */
export function autoRefresh(load, show) {
  const note = h('span', { class: 'updated' });
  let timer;
  let running = false;
  let last = Date.now();

  const stamp = () => {
    note.textContent = `updated ${timeOfDay(last)}`;
    note.classList.remove('error');
  };
  const schedule = ms => {
    clearTimeout(timer);
    timer = setTimeout(tick, ms);
  };
  const stop = () => {
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisibility);
  };

  async function tick() {
    if (!note.isConnected) {
      stop();
      return;
    }
    // Hidden: nothing to do until the tab is shown again (onVisibility).
    if (document.visibilityState === 'hidden' || running) {
      return;
    }
    if (dialogOpen()) {
      schedule(REFRESH_MS);
      return;
    }
    running = true;
    last = Date.now();
    try {
      const data = await load();
      // A dialog opened meanwhile: the page stays as the user saw it when opening it.
      if (note.isConnected && !dialogOpen()) {
        show(data);
        stamp();
      }
    } catch (error) {
      note.textContent = `update failed at ${timeOfDay(Date.now())}: ${error.message}`;
      note.classList.add('error');
    } finally {
      running = false;
      schedule(REFRESH_MS);
    }
  }

  function onVisibility() {
    if (!note.isConnected) {
      stop();
    } else if (document.visibilityState === 'visible') {
      schedule(Math.max(0, REFRESH_MS - (Date.now() - last)));
    }
  }

  document.addEventListener('visibilitychange', onVisibility);
  stamp();
  schedule(REFRESH_MS);
  return note;
}

// Elements that scroll by themselves: their scroll position survives a rebuild.
const SCROLLERS = '.table-wrap, pre';

/**
 * A part of a page built by build(select(data)); fill(data) builds it again only when what select picks changed, so
 * an unchanged part keeps its focus and scrolling.
 */
export function part(select, build) {
  const element = h('div', { class: 'part' });
  let shown;
  const fill = data => {
    const value = select(data);
    const key = JSON.stringify(value);
    if (key === shown) {
      return;
    }
    const scrolled = [...element.querySelectorAll(SCROLLERS)].map(e => [e.scrollLeft, e.scrollTop]);
    element.replaceChildren();
    append(element, build(value));
    [...element.querySelectorAll(SCROLLERS)].forEach((e, i) => {
      if (scrolled[i]) {
        [e.scrollLeft, e.scrollTop] = scrolled[i];
      }
    });
    shown = key;
  };
  return { element, fill };
}
