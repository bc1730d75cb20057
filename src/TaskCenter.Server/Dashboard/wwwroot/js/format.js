// Turning the API's numbers into text: times in a given zone, durations, task types.

const partsFormatters = new Map();

function formatterFor(timeZone) {
  if (!partsFormatters.has(timeZone)) {
    partsFormatters.set(timeZone, new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'shortOffset',
    }));
  }
  return partsFormatters.get(timeZone);
}

/** The viewer's own time zone, as the browser reports it. */
export const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** '2026-11-26 04:30:00 GMT+1' for unix milliseconds in an IANA zone (default: the viewer's). */
export function dateTime(ms, timeZone = viewerZone) {
  if (ms === null || ms === undefined) {
    return '—';
  }
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(new Date(ms)).map(p => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${parts.timeZoneName}`;
}

/** '14:03:07', the time of day in the viewer's zone. */
export const timeOfDay = ms => dateTime(ms).slice(11, 19);

/** The time of day when it is today in the viewer's zone, else the date and time: '14:03:07', '2026-11-27 04:30:00 GMT+1'. */
export function clockTime(ms, now = Date.now()) {
  const full = dateTime(ms);
  return full.slice(0, 10) === dateTime(now).slice(0, 10) ? full.slice(11, 19) : full;
}

/** Seconds (the older fields: created_at, start_time, ...) where 0 means unset. */
export function dateTimeFromSeconds(seconds, timeZone) {
  return seconds ? dateTime(seconds * 1000, timeZone) : '—';
}

/** '350 ms', '4.2 s', '3 min 5 s', '2 h 10 min'. */
export function duration(ms) {
  if (ms === null || ms === undefined) {
    return '—';
  }
  const sign = ms < 0 ? '−' : '';
  const abs = Math.abs(ms);
  if (abs < 1000) {
    return `${sign}${Math.round(abs)} ms`;
  }
  if (abs < 60_000) {
    return `${sign}${(abs / 1000).toFixed(1)} s`;
  }
  const minutes = Math.floor(abs / 60_000);
  if (minutes < 60) {
    return `${sign}${minutes} min ${Math.floor((abs % 60_000) / 1000)} s`;
  }
  return `${sign}${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** '12 s ago' / 'in 3 min 0 s'. */
export function relative(ms, now = Date.now()) {
  if (ms === null || ms === undefined) {
    return '—';
  }
  const text = duration(Math.abs(now - ms));
  return ms <= now ? `${text} ago` : `in ${text}`;
}

export const TASK_TYPES = { 1: 'one-shot', 2: 'interval', 3: 'cron' };

export const TASK_STATES = ['pending', 'active', 'paused', 'finished'];

export const typeName = type => TASK_TYPES[type] ?? `type ${type}`;

export const count = n => (n ?? 0).toLocaleString('en-US');
