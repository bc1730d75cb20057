// #/tasks : search by name prefix, filter by type and state, paged by cursor.
import { api } from '../api.js';
import { h, table } from '../dom.js';
import { TASK_STATES, TASK_TYPES, count, dateTime, typeName } from '../format.js';
import { href, navigate } from '../router.js';
import { schedule, stateBadge } from './task-parts.js';

const PAGE_SIZE = 25;

// The cursors of the pages before the current one, for "Previous page"; forgotten when the filter changes.
let earlier = { filter: '', cursors: [] };

export async function tasksPage({ query }) {
  const filter = {
    name_prefix: query.get('name_prefix') ?? '',
    type: query.get('type') ?? '',
    state: query.get('state') ?? '',
  };
  const after = query.get('after') ?? '';
  const filterKey = JSON.stringify(filter);
  if (earlier.filter !== filterKey || !after) {
    earlier = { filter: filterKey, cursors: [] };
  }
  const page = await api.tasks({
    namePrefix: filter.name_prefix, type: filter.type, state: filter.state, after, limit: PAGE_SIZE,
  });

  return h('div', { class: 'page' },
    h('div', { class: 'page-head' }, h('h1', {}, 'Tasks')),
    filterForm(filter),
    h('section', { class: 'card' },
      // On a phone each task is a block: its name and state, its schedule (which says the type), next fire and fires.
      table([
        { title: 'Name', class: 'title', cell: t => h('a', { href: href(`/tasks/${encodeURIComponent(t._id)}`) }, t.name) },
        { title: 'Type', class: 'wide-only', cell: t => typeName(t.type) },
        { title: 'State', class: 'aside', cell: t => stateBadge(t.state) },
        { title: 'Schedule', class: 'full', cell: schedule },
        { title: 'Next fire (your zone)', label: 'Next fire', class: 'time', cell: t => dateTime(nextFireMs(t)) },
        { title: 'Fired', label: 'Fired', class: 'num', cell: t => count(t.fired_count) },
      ], page.tasks, { empty: 'No task matches.', label: 'Tasks', stack: true }),
      pager(filter, after, page.next)));
}

function nextFireMs(task) {
  return task.next_fire_at_ms ?? (task.next_fire_at ? task.next_fire_at * 1000 : null);
}

function filterForm(filter) {
  const options = (entries, selected) =>
    entries.map(([value, label]) => h('option', { value, selected: String(value) === selected }, label));
  const prefix = h('input', { id: 'name-prefix', name: 'name_prefix', type: 'search', value: filter.name_prefix, autocomplete: 'off' });
  const type = h('select', { id: 'type', name: 'type' }, options([['', 'any'], ...Object.entries(TASK_TYPES)], filter.type));
  const state = h('select', { id: 'state', name: 'state' }, options([['', 'any'], ...TASK_STATES.map(s => [s, s])], filter.state));
  return h('form', {
    class: 'card filters',
    role: 'search',
    onsubmit: event => {
      event.preventDefault();
      navigate('/tasks', { name_prefix: prefix.value.trim(), type: type.value, state: state.value });
    },
  },
  h('div', { class: 'field' }, h('label', { for: 'name-prefix' }, 'Name starts with'), prefix),
  h('div', { class: 'field' }, h('label', { for: 'type' }, 'Type'), type),
  h('div', { class: 'field' }, h('label', { for: 'state' }, 'State'), state),
  h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Search')));
}

function pager(filter, after, next) {
  const go = cursor => () => navigate('/tasks', { ...filter, after: cursor });
  const previous = earlier.cursors.at(-1);
  return h('nav', { class: 'pager', 'aria-label': 'Pages' },
    after ? h('button', { type: 'button', class: 'secondary', onclick: go('') }, 'First page') : null,
    after && previous !== undefined
      ? h('button', {
        type: 'button',
        class: 'secondary',
        onclick: () => {
          earlier.cursors.pop();
          go(previous)();
        },
      }, 'Previous page')
      : null,
    next
      ? h('button', {
        type: 'button',
        onclick: () => {
          earlier.cursors.push(after);
          go(next)();
        },
      }, 'Next page')
      : null);
}
