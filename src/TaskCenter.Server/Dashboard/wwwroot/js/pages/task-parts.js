// Pieces of a task's display that the task list and the task page share.
import { h } from '../dom.js';

export function stateBadge(state) {
  return h('span', { class: `badge ${state}` }, state);
}

/** 'cron 0 * * * *', 'every 30 s', 'once'. */
export function schedule(task) {
  switch (task.type) {
    case 3: return h('code', {}, task.crontab);
    case 2: return `every ${task.loop_time} s`;
    default: return 'once';
  }
}
