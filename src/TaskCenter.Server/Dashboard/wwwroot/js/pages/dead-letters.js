// #/dead-letters?group=<g> : a group's dead letters; redrive or purge the selected ones, or all of the group's.
import { api } from '../api.js';
import { runAction } from '../actions.js';
import { h, table } from '../dom.js';
import { count, dateTimeFromSeconds } from '../format.js';
import { href, navigate, refresh } from '../router.js';

const PAGE_SIZE = 100;

export async function deadLettersPage({ query }) {
  const group = query.get('group') ?? '';
  const after = query.get('after') ?? '';
  const [groups, letters] = await Promise.all([
    knownGroups(),
    group ? api.deadLetters(group, after).then(r => r.dead_letters) : Promise.resolve(null),
  ]);
  return h('div', { class: 'page' },
    h('div', { class: 'page-head' }, h('h1', {}, 'Dead letters')),
    groupForm(group, groups),
    letters ? letterList(group, after, letters) : groupList(groups));
}

// The groups the overview knows, with their dead-letter counts; none when it cannot say.
async function knownGroups() {
  try {
    return (await api.overview()).groups;
  } catch (error) {
    if (error.status === 401) {
      throw error;
    }
    return [];
  }
}

function groupForm(group, groups) {
  const input = h('input', { id: 'group', name: 'group', value: group, list: 'group-names', required: true, autocomplete: 'off' });
  return h('form', {
    class: 'card filters',
    onsubmit: event => {
      event.preventDefault();
      navigate('/dead-letters', { group: input.value.trim() });
    },
  },
  h('div', { class: 'field' }, h('label', { for: 'group' }, 'Consumer group'), input),
  h('datalist', { id: 'group-names' }, groups.map(g => h('option', { value: g.group }))),
  h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Show')));
}

function groupList(groups) {
  return h('section', { class: 'card' },
    h('h2', {}, 'Groups'),
    table([
      { title: 'Group', cell: g => h('a', { href: href('/dead-letters', { group: g.group }) }, g.group) },
      { title: 'Dead letters', class: 'num', cell: g => count(g.dead) },
    ], groups, { empty: 'No consumer group known yet; enter a group name.', label: 'Groups' }));
}

function letterList(group, after, letters) {
  const boxes = letters.map(letter => h('input', {
    type: 'checkbox', value: letter.msgid, 'aria-label': `Select ${letter.msgid}`, onchange: () => update(),
  }));
  const all = h('input', {
    type: 'checkbox',
    'aria-label': 'Select all on this page',
    onchange: () => {
      boxes.forEach(box => { box.checked = all.checked; });
      update();
    },
  });
  const selected = () => boxes.filter(box => box.checked).map(box => box.value);

  const action = (label, className, options) => {
    const button = h('button', { type: 'button', class: className, onclick: () => runAction(button, options()) }, label);
    return button;
  };
  const redriveSelected = action('Redrive selected', 'secondary', () => ({
    confirm: { title: 'Redrive the selected dead letters?', message: `${selected().length} message(s) go back to ${group} with a fresh retry budget.`, confirmLabel: 'Redrive' },
    run: () => api.redrive(group, selected()),
    done: r => `Redrove ${r.msgids.length} dead letter(s) of ${group}.`,
  }));
  const purgeSelected = action('Purge selected', 'danger', () => ({
    confirm: { title: 'Purge the selected dead letters?', message: `${selected().length} message(s) of ${group} are deleted for good.`, confirmLabel: 'Purge' },
    run: () => api.purge(group, selected()),
    done: r => `Purged ${r.msgids.length} dead letter(s) of ${group}.`,
  }));
  const redriveAll = action(`Redrive all of ${group}`, 'secondary', () => ({
    confirm: { title: `Redrive all dead letters of ${group}?`, message: 'Every dead letter of the group goes back with a fresh retry budget, also those not on this page.', confirmLabel: 'Redrive all' },
    run: () => api.redrive(group),
    done: r => `Redrove ${r.msgids.length} dead letter(s) of ${group}.`,
  }));
  const purgeAll = action(`Purge all of ${group}`, 'danger', () => ({
    confirm: { title: `Purge all dead letters of ${group}?`, message: 'Every dead letter of the group is deleted for good, also those not on this page.', confirmLabel: 'Purge all' },
    run: () => api.purge(group),
    done: r => `Purged ${r.msgids.length} dead letter(s) of ${group}.`,
  }));
  const selection = h('span', { class: 'meta', 'aria-live': 'polite' });

  function update() {
    const n = selected().length;
    selection.textContent = `${n} selected`;
    redriveSelected.disabled = n === 0;
    purgeSelected.disabled = n === 0;
    all.checked = n > 0 && n === boxes.length;
    all.indeterminate = n > 0 && n < boxes.length;
  }
  update();
  const none = letters.length === 0;
  redriveAll.disabled = none && !after;
  purgeAll.disabled = none && !after;

  return h('section', { class: 'card' },
    h('h2', {}, `Group ${group}`),
    h('div', { class: 'actions' }, redriveSelected, purgeSelected, selection, h('span', { class: 'spacer' }), redriveAll, purgeAll),
    table([
      { title: all, cell: ({ box }) => box, class: 'select' },
      { title: 'Message', cell: ({ letter }) => h('code', {}, letter.msgid) },
      { title: 'Task', cell: ({ letter }) => h('a', { href: href(`/tasks/${encodeURIComponent(letter.taskid)}`) }, letter.name) },
      { title: 'Fire time', class: 'time', cell: ({ letter }) => dateTimeFromSeconds(letter.fire_time) },
      { title: 'Attempts', class: 'num', cell: ({ letter }) => letter.attempts },
      { title: 'Last error', cell: ({ letter }) => letter.last_error ?? '' },
      { title: 'Dead since', class: 'time', cell: ({ letter }) => dateTimeFromSeconds(letter.dead_at) },
      { title: 'Data', cell: ({ letter }) => h('code', { class: 'clip', title: letter.data }, letter.data) },
    ], letters.map((letter, i) => ({ letter, box: boxes[i] })), { empty: `No dead letters in ${group}.`, label: 'Dead letters' }),
    h('nav', { class: 'pager', 'aria-label': 'Pages' },
      after ? h('a', { class: 'button secondary', href: href('/dead-letters', { group }) }, 'First page') : null,
      letters.length === PAGE_SIZE
        ? h('a', { class: 'button secondary', href: href('/dead-letters', { group, after: letters.at(-1).msgid }) }, 'Next page')
        : null,
      h('button', { type: 'button', class: 'secondary', onclick: refresh }, 'Refresh')));
}
