// Building DOM nodes without innerHTML, so data from the server is always text, never markup.

const PROPERTIES = new Set(['value', 'checked', 'disabled', 'hidden', 'indeterminate']);

/** h('a', { href: '#/', class: 'x', onclick: fn }, 'text', child, [more]) */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (key.startsWith('on')) {
      element.addEventListener(key.slice(2), value);
    } else if (PROPERTIES.has(key)) {
      element[key] = value;
    } else {
      element.setAttribute(key === 'className' ? 'class' : key, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

export function append(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    parent.append(child instanceof Node ? child : String(child));
  }
  return parent;
}

/**
 * A table that scrolls sideways on narrow screens, or with stack: true shows each row as a block of values there
 * (dashboard.css: a column's class title, aside, full or wide-only places it). columns: [{ title, cell: row =>
 * content, class?, label? }]; label names the value in a stacked row.
 * detail: row => content or null, shown in a row of its own under the row, across all columns.
 */
export function table(columns, rows, { empty = 'Nothing here.', label, rowClass, stack = false, detail } = {}) {
  if (rows.length === 0) {
    return h('p', { class: 'empty' }, empty);
  }
  const head = h('tr', {}, columns.map(column => h('th', { scope: 'col', class: column.class }, column.title)));
  const body = rows.flatMap(row => {
    const more = detail?.(row);
    return [
      h('tr', { class: rowClass?.(row) },
        columns.map(column => h('td', { class: column.class, 'data-label': column.label }, column.cell(row)))),
      more ? h('tr', { class: 'detail' }, h('td', { colspan: columns.length }, more)) : null,
    ];
  });
  return h('div', { class: 'table-wrap' },
    h('table', { 'aria-label': label, class: stack ? 'stack' : null }, h('thead', {}, head), h('tbody', {}, body)));
}

/** A last error on one line, cut with an ellipsis; the whole text on hover and, opened, below. */
export function lastError(error) {
  return h('details', { class: 'last-error' },
    h('summary', { title: error }, h('span', { class: 'meta' }, 'Last error'), h('code', { class: 'error' }, error)));
}

/** A titled section of a page. */
export function section(title, ...children) {
  return h('section', { class: 'card' }, h('h2', {}, title), children);
}

/** A definition list from [term, description] pairs; pairs with an undefined description are left out. */
export function facts(pairs) {
  return h('dl', { class: 'facts' },
    pairs.filter(([, value]) => value !== undefined).map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}
