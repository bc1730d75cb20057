// #/tasks/<id> : a task's definition, its next fires (in its zone and the viewer's), its fire history, and actions.
import { api } from '../api.js';
import { runAction } from '../actions.js';
import { autoRefresh, part } from '../auto-refresh.js';
import { facts, h, lastError, section, table } from '../dom.js';
import { clockTime, count, dateTime, dateTimeFromSeconds, duration, typeName, viewerZone } from '../format.js';
import { href, navigate, refresh } from '../router.js';
import { editTask } from './task-edit.js';
import { schedule, stateBadge } from './task-parts.js';

export async function taskPage({ params, query }) {
  const before = query.get('before') ?? '';
  const load = async () => {
    const [task, next, fires] = await Promise.all([
      api.task(params.id), api.nextFires(params.id, 10), api.fires(params.id, before),
    ]);
    return { task, next, fires };
  };
  // The head only changes with the state, so its buttons keep the focus while the task fires.
  const head = part(({ task }) => ({ _id: task._id, name: task.name, state: task.state }),
    task => [h('h1', {}, task.name, ' ', stateBadge(task.state)), actions(task)]);
  const parts = [
    head,
    part(({ task }) => task, task => section('Definition', definition(task))),
    part(({ task, next }) => ({ timezone: task.timezone, next }), ({ timezone, next }) => section('Next 10 fires', nextFires(timezone, next))),
    part(({ task, fires }) => ({ id: task._id, fires }), ({ id, fires }) => section('Fire history', history(id, fires, before))),
  ];
  const show = data => parts.forEach(p => p.fill(data));
  show(await load());
  return h('div', { class: 'page' },
    h('div', { class: 'crumbs' }, h('a', { href: href('/tasks') }, '← Tasks'), autoRefresh(load, show)),
    h('div', { class: 'page-head' }, head.element),
    parts.slice(1).map(p => p.element));
}

function actions(task) {
  const buttons = [h('button', { type: 'button', class: 'secondary', onclick: () => editTask(task._id) }, 'Edit')];
  const button = (label, options, className) => {
    const element = h('button', { type: 'button', class: className, onclick: () => runAction(element, options) }, label);
    buttons.push(element);
  };
  if (task.state === 'active' || task.state === 'pending') {
    button('Pause', {
      confirm: { title: 'Pause this task?', message: `${task.name} will not fire until it is resumed.`, confirmLabel: 'Pause' },
      run: () => api.pause(task._id),
      done: `Paused ${task.name}.`,
    }, 'secondary');
  }
  if (task.state === 'paused') {
    button('Resume', {
      confirm: { title: 'Resume this task?', message: `${task.name} fires again from its next scheduled time.`, confirmLabel: 'Resume' },
      run: () => api.resume(task._id),
      done: `Resumed ${task.name}.`,
    }, 'secondary');
  }
  // Any task can be fired once more, a finished one too (it stays finished).
  const stays = task.state === 'finished' ? 'it stays finished' : 'its schedule stays as it is';
  button('Trigger now', {
    confirm: { title: 'Fire this task now?', message: `One extra fire of ${task.name}, now; ${stays}.`, confirmLabel: 'Trigger' },
    run: () => api.trigger(task._id),
    done: result => `Fired ${task.name} now: message ${result.msgid}.`,
  }, 'secondary');
  button('Delete', {
    confirm: { title: 'Delete this task?', message: `${task.name} (${task._id}) is deleted for good.`, confirmLabel: 'Delete' },
    run: () => api.deleteTask(task._id),
    done: `Deleted ${task.name}.`,
    after: () => navigate('/tasks'),
  }, 'danger');
  return h('div', { class: 'actions' }, buttons);
}

function definition(task) {
  const zone = task.timezone || 'UTC';
  const nextMs = task.next_fire_at_ms ?? (task.next_fire_at ? task.next_fire_at * 1000 : null);
  return [
    facts([
      ['Id', h('code', {}, task._id)],
      ['Name (routing tag)', task.name],
      ['Type', typeName(task.type)],
      ['Schedule', schedule(task)],
      ['Time zone', zone],
      ['Fire limit', task.type === 1 ? undefined : (task.loop_count ? count(task.loop_count) : 'unlimited')],
      ['Fired', count(task.fired_count)],
      ['Next fire', nextMs ? `${dateTime(nextMs, zone)} (yours: ${dateTime(nextMs)})` : '—'],
      ['Not before', dateTimeFromSeconds(task.start_time, zone)],
      ['Not after', dateTimeFromSeconds(task.end_time, zone)],
      ['Created', dateTimeFromSeconds(task.created_at)],
      ['Max runtime', task.max_runtime ? `${task.max_runtime} s` : 'server default'],
      ['Explicit ack', task.ack ? 'yes' : 'no'],
    ]),
    h('h3', {}, 'Data'),
    h('pre', { class: 'data' }, task.data || '(empty)'),
  ];
}

function nextFires(timezone, next) {
  const zone = next.timezone || timezone || 'UTC';
  return table([
    { title: '#', class: 'num', cell: ({ i }) => i + 1 },
    { title: `Task's zone (${zone})`, class: 'time', cell: ({ ms }) => dateTime(ms, zone) },
    { title: `Your zone (${viewerZone})`, class: 'time', cell: ({ ms }) => dateTime(ms) },
  ], next.times_ms.map((ms, i) => ({ ms, i })), {
    empty: 'No upcoming fires (the task is paused, finished or past its end).',
    label: 'Next fires',
  });
}

// One row per delivery to a group, with its last error in a row of its own under it; a fire no group took yet is one
// row of its own.
function history(id, fires, before) {
  const rows = fires.fires.flatMap(fire => (fire.deliveries.length
    ? fire.deliveries.map(delivery => ({ fire, delivery }))
    : [{ fire, delivery: null }]));
  const undelivered = fire => {
    if (fire.unrouted) {
      return 'unrouted: no group subscribed';
    }
    return fire.unpublished ? 'not published yet' : 'published';
  };
  return [
    table([
      { title: 'Fire', class: 'fire title', cell: ({ fire }) => [h('span', { class: 'time' }, dateTime(fire.fire_time_ms)), h('code', { class: 'msgid' }, fire.msgid)] },
      { title: 'Group', label: 'Group', cell: ({ delivery }) => (delivery ? h('span', { class: 'clip', title: delivery.group }, delivery.group) : '—') },
      { title: 'State', class: 'state aside', cell: ({ fire, delivery }) => (delivery ? deliveryState(delivery, fires.max_attempts) : undelivered(fire)) },
      { title: 'Attempts', label: 'Attempts', class: 'num', cell: ({ delivery }) => delivery?.attempts ?? '—' },
      { title: 'Lateness', label: 'Lateness', class: 'num', cell: ({ delivery }) => duration(delivery?.lateness_ms) },
      { title: 'Delivered', label: 'Delivered', class: 'time', cell: ({ delivery }) => dateTime(delivery?.first_delivered_at_ms) },
      { title: 'Done', label: 'Done', class: 'time', cell: ({ delivery }) => dateTime(delivery?.done_at_ms) },
    ], rows, {
      empty: 'No fires yet.',
      label: 'Fire history',
      stack: true,
      detail: ({ delivery }) => delivery?.last_error && lastError(delivery.last_error),
    }),
    h('nav', { class: 'pager', 'aria-label': 'Fire history pages' },
      before ? h('a', { class: 'button secondary', href: href(`/tasks/${encodeURIComponent(id)}`) }, 'Newest fires') : null,
      fires.next
        ? h('a', { class: 'button secondary', href: href(`/tasks/${encodeURIComponent(id)}`, { before: fires.next }) }, 'Older fires')
        : null,
      h('button', { type: 'button', class: 'secondary', onclick: refresh }, 'Refresh')),
  ];
}

/**
 * A delivery's state; one waiting for its retry says when ("retry at 14:03:07") and which attempt that is of how many
 * the server gives a message (max_attempts; null when a broker delivers), as a leased one says which attempt it is on.
 */
function deliveryState(delivery, maxAttempts) {
  const attempt = n => h('span', { class: 'attempt' }, maxAttempts ? `attempt ${n} of ${maxAttempts}` : `attempt ${n}`);
  if (delivery.state === 'ready' && delivery.attempts > 0 && delivery.available_at_ms) {
    return [
      h('span', { class: 'badge ready', title: dateTime(delivery.available_at_ms) }, `retry at ${clockTime(delivery.available_at_ms)}`),
      attempt(delivery.attempts + 1),
    ];
  }
  return delivery.state === 'leased' ? [stateBadge('leased'), attempt(delivery.attempts)] : stateBadge(delivery.state);
}
