// The HTTP API client: every call the dashboard makes, with the API key when there is one.
import { apiKey } from './auth.js';

/** An answer other than 2xx, with the server's {err, msg} message. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

// Relative to /dashboard/, so the dashboard also works behind a path prefix.
const API_ROOT = '../v1/api';

async function request(method, path, { query, body } = {}) {
  const url = new URL(API_ROOT + path, document.baseURI);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') {
      url.searchParams.set(name, value);
    }
  }
  const headers = { Accept: 'application/json' };
  const key = apiKey.get();
  if (key) {
    headers.Authorization = `Bearer ${key}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const data = text ? parseJson(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, data?.msg ?? `${response.status} ${response.statusText}`);
  }
  return data;
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const task = id => `/tasks/${encodeURIComponent(id)}`;

export const api = {
  overview: () => request('GET', '/overview'),
  tasks: ({ namePrefix, type, state, after, limit = 25 }) =>
    request('GET', '/tasks', { query: { name_prefix: namePrefix, type, state, after, limit } }),
  task: id => request('GET', task(id)),
  // Only the fields to change; the answer is the task as changed.
  updateTask: (id, change) => request('PATCH', task(id), { body: change }),
  nextFires: (id, count = 10) => request('GET', `${task(id)}/next`, { query: { count } }),
  fires: (id, before) => request('GET', `${task(id)}/fires`, { query: { limit: 50, before } }),
  pause: id => request('POST', `${task(id)}/pause`),
  resume: id => request('POST', `${task(id)}/resume`),
  trigger: id => request('POST', `${task(id)}/trigger`),
  deleteTask: id => request('DELETE', task(id)),
  deadLetters: (group, after) => request('GET', '/dead-letters', { query: { group, after, limit: 100 } }),
  // Without msgids, all of the group's dead letters.
  redrive: (group, msgids) => request('POST', '/dead-letters/redrive', { body: { group, msgids } }),
  purge: (group, msgids) => request('POST', '/dead-letters/purge', { body: { group, msgids } }),
};
