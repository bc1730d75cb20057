// #/ : tasks by state and type, fires per minute, delivery backlog, push groups, dead letters, server instances.
import { api } from '../api.js';
import { autoRefresh, part } from '../auto-refresh.js';
import { barChart } from '../chart.js';
import { h, lastError, section, table } from '../dom.js';
import { TASK_STATES, TASK_TYPES, count, dateTime, relative, typeName } from '../format.js';
import { href, refresh } from '../router.js';

// The page's parts, each with the part of the overview it is built from. A scoped key's overview has no server-wide
// figures (null): their parts stay empty.
const PARTS = [
  [o => [o.storage, o.delivery, o.counted_at_ms], ([storage, delivery, countedMs]) =>
    h('p', { class: 'meta' }, `Storage ${storage} · delivery ${delivery} · counted ${dateTime(countedMs)}`)],
  [o => o.scope, scope => scope && h('p', { class: 'meta scope' },
    `This key sees task names ${patterns(scope.tasks)} and consumer groups ${patterns(scope.groups)} only.`)],
  [o => ({ tasks: o.tasks, groups: o.groups, unrouted_fires: o.unrouted_fires, unpublished_fires: o.unpublished_fires }), totals],
  [o => o.tasks, tasks => section('Tasks by type and state', taskMatrix(tasks))],
  [o => o.fires_per_minute, fires => fires && section('Fires per minute, last 3 hours', firesChart(fires))],
  [o => o.groups, groups => section('Delivery backlog by consumer group', backlog(groups))],
  [o => o.push_groups, list => (list?.length ? section('Push groups', pushGroups(list)) : null)],
  [o => o.instances, list => list && section('Server instances', instances(list))],
];

const patterns = list => (list.length ? list.join(', ') : 'none');

export async function overviewPage() {
  const parts = PARTS.map(([select, build]) => part(select, build));
  const show = overview => parts.forEach(p => p.fill(overview));
  show(await api.overview());
  return h('div', { class: 'page' },
    h('div', { class: 'page-head' },
      h('h1', {}, 'Overview'),
      h('div', { class: 'actions' },
        autoRefresh(api.overview, show),
        h('button', { type: 'button', class: 'secondary', onclick: refresh }, 'Refresh'))),
    parts.map(p => p.element));
}

function totals(overview) {
  const byState = state => overview.tasks.filter(t => t.state === state).reduce((sum, t) => sum + t.count, 0);
  const dead = overview.groups.reduce((sum, g) => sum + g.dead, 0);
  const tiles = [
    ...TASK_STATES.map(state => [state, byState(state), href('/tasks', { state })]),
    ['dead letters', dead, href('/dead-letters')],
    ...[['unrouted fires', overview.unrouted_fires], ['unpublished fires', overview.unpublished_fires]]
      .filter(([, value]) => value !== null),
  ];
  return h('ul', { class: 'tiles', 'aria-label': 'Totals' }, tiles.map(([label, value, link]) => {
    const content = [h('span', { class: 'tile-value' }, count(value)), h('span', { class: 'tile-label' }, label)];
    return h('li', { class: 'tile', 'data-tile': label }, link ? h('a', { href: link }, content) : content);
  }));
}

function taskMatrix(rows) {
  const cell = (type, state) => rows.find(r => r.type === type && r.state === state)?.count ?? 0;
  const types = Object.keys(TASK_TYPES).map(Number);
  const link = (value, query) => (value ? h('a', { href: href('/tasks', query) }, count(value)) : '0');
  return table([
    { title: 'Type', cell: type => typeName(type) },
    ...TASK_STATES.map(state => ({ title: state, class: 'num', cell: type => link(cell(type, state), { type, state }) })),
    { title: 'all', class: 'num', cell: type => link(TASK_STATES.reduce((s, state) => s + cell(type, state), 0), { type }) },
  ], types, { label: 'Tasks by type and state' });
}

function firesChart(fires) {
  const total = fires.counts.reduce((sum, n) => sum + n, 0);
  return h('figure', { class: 'chart-box' },
    barChart({ firstMs: fires.first_minute_ms, stepMs: 60_000, counts: fires.counts, title: 'Fires per minute' }),
    h('figcaption', {}, `${count(total)} fires in ${fires.counts.length} minutes, all instances; times in your zone.`));
}

function backlog(groups) {
  return table([
    { title: 'Group', cell: g => g.group },
    { title: 'Ready', class: 'num', cell: g => count(g.ready) },
    { title: 'Leased', class: 'num', cell: g => count(g.leased) },
    { title: 'Dead', class: 'num', cell: g => (g.dead ? h('a', { href: href('/dead-letters', { group: g.group }) }, count(g.dead)) : '0') },
  ], groups, { empty: 'No consumer group has subscribed yet.', label: 'Delivery backlog' });
}

// Each push group's target and whether this server instance pushes to it (closed) or holds pushes back (open).
function pushGroups(list) {
  return table([
    { title: 'Group', cell: p => h('span', { class: 'clip', title: p.group }, p.group) },
    { title: 'Target', cell: p => h('code', { class: 'clip url', title: p.url }, p.url) },
    { title: 'State', cell: p => h('span', { class: `badge ${p.circuit}`, title: CIRCUIT_TITLES[p.circuit] }, p.circuit) },
  ], list, { label: 'Push groups', detail: p => p.last_error && lastError(p.last_error) });
}

const CIRCUIT_TITLES = {
  closed: 'Pushing',
  open: 'Every recent push failed: nothing is sent (the messages wait, their attempts not spent) until a probe succeeds',
};

function instances(list) {
  return table([
    { title: 'Instance', cell: i => i.id },
    { title: 'Host', cell: i => i.host },
    { title: 'PID', class: 'num', cell: i => i.pid },
    { title: 'Version', cell: i => i.version },
    { title: 'Started', class: 'time', cell: i => dateTime(i.started_at_ms) },
    { title: 'Last seen', cell: i => relative(i.seen_at_ms) },
    { title: 'Health', cell: i => h('span', { class: `badge ${i.health}` }, i.health) },
    { title: 'Alive', cell: i => h('span', { class: `badge ${i.alive ? 'alive' : 'gone'}` }, i.alive ? 'alive' : 'gone') },
  ], list, { empty: 'No instance has reported yet.', label: 'Server instances' });
}
