// #/tasks/<id> : a task's definition, its next fires (in its zone and the viewer's), its fire history, and actions.
import { api } from '../api.js';
import { runAction } from '../actions.js';
import { facts, h, section, table } from '../dom.js';
import { count, dateTime, dateTimeFromSeconds, duration, typeName, viewerZone } from '../format.js';
import { href, navigate, refresh } from '../router.js';
import { schedule, stateBadge } from './task-parts.js';

export async function taskPage({ params, query }) {
  const before = query.get('before') ?? '';
  const [task, next, fires] = await Promise.all([
    api.task(params.id), api.nextFires(params.id, 10), api.fires(params.id, before),
  ]);
  return h('div', { class: 'page' },
    h('p', { class: 'crumbs' }, h('a', { href: href('/tasks') }, '← Tasks')),
    h('div', { class: 'page-head' },
      h('h1', {}, task.name, ' ', stateBadge(task.state)),
      actions(task)),
    section('Definition', definition(task)),
    section('Next 10 fires', nextFires(task, next)),
    section('Fire history', history(task, fires, before)));
}

function actions(task) {
  const buttons = [];
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
  if (task.state !== 'finished') {
    button('Trigger now', {
      confirm: { title: 'Fire this task now?', message: `One extra fire of ${task.name}, now; its schedule stays as it is.`, confirmLabel: 'Trigger' },
      run: () => api.trigger(task._id),
      done: result => `Fired ${task.name} now: message ${result.msgid}.`,
    }, 'secondary');
  }
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

function nextFires(task, next) {
  const zone = next.timezone || task.timezone || 'UTC';
  return table([
    { title: '#', class: 'num', cell: ({ i }) => i + 1 },
    { title: `Task's zone (${zone})`, class: 'time', cell: ({ ms }) => dateTime(ms, zone) },
    { title: `Your zone (${viewerZone})`, class: 'time', cell: ({ ms }) => dateTime(ms) },
  ], next.times_ms.map((ms, i) => ({ ms, i })), {
    empty: 'No upcoming fires (the task is paused, finished or past its end).',
    label: 'Next fires',
  });
}

// One row per delivery to a group; a fire no group took yet is one row of its own.
function history(task, fires, before) {
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
      { title: 'Fire time', class: 'time', cell: ({ fire }) => dateTime(fire.fire_time_ms) },
      { title: 'Group', cell: ({ delivery }) => delivery?.group ?? '—' },
      { title: 'State', cell: ({ fire, delivery }) => (delivery ? stateBadge(delivery.state) : undelivered(fire)) },
      { title: 'Delivered', class: 'time', cell: ({ delivery }) => dateTime(delivery?.first_delivered_at_ms) },
      { title: 'Lateness', class: 'num', cell: ({ delivery }) => duration(delivery?.lateness_ms) },
      { title: 'Attempts', class: 'num', cell: ({ delivery }) => delivery?.attempts ?? '—' },
      { title: 'Done', class: 'time', cell: ({ delivery }) => dateTime(delivery?.done_at_ms) },
      { title: 'Last error', cell: ({ delivery }) => delivery?.last_error ?? '' },
      { title: 'Message', cell: ({ fire }) => h('code', {}, fire.msgid) },
    ], rows, { empty: 'No fires yet.', label: 'Fire history' }),
    h('nav', { class: 'pager', 'aria-label': 'Fire history pages' },
      before ? h('a', { class: 'button secondary', href: href(`/tasks/${encodeURIComponent(task._id)}`) }, 'Newest fires') : null,
      fires.next
        ? h('a', { class: 'button secondary', href: href(`/tasks/${encodeURIComponent(task._id)}`, { before: fires.next }) }, 'Older fires')
        : null,
      h('button', { type: 'button', class: 'secondary', onclick: refresh }, 'Refresh')),
  ];
}
