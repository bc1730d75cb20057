// Hash routing: #/path/with/:params?query. One index.html serves every page.

const routes = [];
let onChange = () => {};

/** Registers a page for a pattern such as '/tasks/:id'. */
export function route(pattern, page) {
  const names = [];
  const source = pattern.replace(/:(\w+)/g, (_, name) => {
    names.push(name);
    return '([^/]+)';
  });
  routes.push({ regex: new RegExp(`^${source}/?$`), names, page });
}

/** The current location: the matching page (or undefined), its params and query. */
export function current() {
  const [path, search = ''] = (location.hash.slice(1) || '/').split('?');
  for (const { regex, names, page } of routes) {
    const match = regex.exec(path);
    if (match) {
      const params = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
      return { path, page, params, query: new URLSearchParams(search) };
    }
  }
  return { path, page: undefined, params: {}, query: new URLSearchParams(search) };
}

/** '#/tasks?type=3' from ('/tasks', { type: 3 }); empty values are left out. */
export function href(path, query = {}) {
  const search = new URLSearchParams(
    Object.entries(query).filter(([, value]) => value !== undefined && value !== null && value !== ''));
  const text = search.toString();
  return `#${path}${text ? `?${text}` : ''}`;
}

export function navigate(path, query) {
  const target = href(path, query);
  if (location.hash === target) {
    refresh();
  } else {
    location.hash = target;
  }
}

/** Renders the current page again, e.g. after an action changed what it shows. */
export function refresh() {
  onChange(current());
}

export function start(render) {
  onChange = render;
  window.addEventListener('hashchange', refresh);
  refresh();
}
