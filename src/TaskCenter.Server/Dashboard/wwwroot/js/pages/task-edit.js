// The task page's edit form, in a dialog: the changeable fields as the server has them now; saving sends only what
// the user changed (PATCH), shows the server's message on a 400 and keeps the input, and on success shows the page anew.
import { api } from '../api.js';
import { facts, h } from '../dom.js';
import { typeName, viewerZone } from '../format.js';
import { notify } from '../notice.js';
import { refresh } from '../router.js';

/** Loads the task and opens its edit form. */
export async function editTask(id) {
  if (document.querySelector('dialog.edit')) {
    return;
  }
  let task;
  try {
    task = await api.task(id);
  } catch (error) {
    notify(`Edit failed: ${error.message}`, 'error');
    return;
  }
  const fields = fieldsFor(task);
  const message = h('p', { class: 'error', role: 'alert', id: 'edit-message', hidden: true });
  const save = h('button', { type: 'submit' }, 'Save');
  const dialog = h('dialog', { class: 'edit', 'aria-labelledby': 'edit-title' });
  const say = text => {
    message.textContent = text;
    message.hidden = false;
  };

  const form = h('form', {
    class: 'edit-form',
    onsubmit: async event => {
      event.preventDefault();
      const changed = fields.filter(field => field.read() !== field.initial);
      if (changed.length === 0) {
        say('Nothing changed.');
        return;
      }
      save.disabled = true;
      try {
        await api.updateTask(task._id, Object.fromEntries(changed.map(field => [field.key, field.toApi()])));
        dialog.close();
        notify(`Saved ${task.name}: ${changed.map(field => field.key).join(', ')}.`, 'success');
        refresh();
      } catch (error) {
        say(error.status ? `${error.status}: ${error.message}` : String(error.message ?? error));
      } finally {
        save.disabled = false;
      }
    },
  },
  h('h2', { id: 'edit-title' }, `Edit ${task.name}`),
  facts([['Name (routing tag)', task.name], ['Type', typeName(task.type)]]),
  h('p', { class: 'hint' }, 'Name and type cannot change. Only the fields you change are sent.'),
  h('div', { class: 'edit-fields' }, fields.map(field => field.element)),
  message,
  h('div', { class: 'buttons' },
    h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, 'Cancel'),
    save));

  dialog.append(form);
  // One form at a time, gone once closed (Cancel, Esc or saved).
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}

// The fields a task of this type can change, in the order of the form.
function fieldsFor(task) {
  const fields = [];
  if (task.type === 3) {
    const zone = textField('timezone', 'Time zone (IANA)', task.timezone || 'UTC', { list: 'edit-zones', autocomplete: 'off' },
      'The zone the crontab is read in.');
    zone.element.append(h('datalist', { id: 'edit-zones' }, Intl.supportedValuesOf('timeZone').map(z => h('option', { value: z }))));
    fields.push(
      textField('crontab', 'Crontab', task.crontab, { required: true, spellcheck: 'false', autocomplete: 'off' },
        '5 fields, or 6 with seconds first, or @daily etc.'),
      zone);
  }
  if (task.type === 2) {
    fields.push(numberField('loop_time', 'Seconds between fires', task.loop_time, { required: true, min: 1 }));
  }
  if (task.type !== 1) {
    fields.push(numberField('loop_count', 'Fire limit', task.loop_count, { min: 0 }, '0 or empty: unlimited.'));
  }
  fields.push(
    timeField('start_time', 'Not before', task.start_time),
    timeField('end_time', 'Not after', task.end_time),
    numberField('max_runtime', 'Max runtime (s)', task.max_runtime, { min: 0 }, '0 or empty: the server default.'),
    checkField('ack', 'Explicit ack (the handler acknowledges each message)', task.ack),
    textField('data', 'Data', task.data, { rows: 6, spellcheck: 'false' }, null, 'textarea'));
  return fields;
}

// A field: its element, its current value as the control has it (read), that value when the form opened (initial,
// read back from the control, which may normalize it) and the value the API takes (toApi).
function field(key, label, control, read, toApi, hint) {
  const id = `edit-${key}`;
  control.id = id;
  control.name = key;
  const hintElement = hint ? h('span', { class: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintElement) {
    control.setAttribute('aria-describedby', hintElement.id);
  }
  const element = control.type === 'checkbox'
    ? h('div', { class: 'field wide' }, h('label', { class: 'check' }, control, ` ${label}`))
    : h('div', { class: `field${key === 'data' ? ' wide' : ''}` }, h('label', { for: id }, label), control, hintElement);
  return { key, element, read, toApi, initial: read() };
}

function textField(key, label, value, attributes, hint, tag = 'input') {
  const control = h(tag, { ...attributes, value: value ?? '' });
  return field(key, label, control, () => control.value, () => control.value, hint);
}

function numberField(key, label, value, attributes, hint) {
  const control = h('input', { type: 'number', step: 1, inputmode: 'numeric', ...attributes, value: String(value ?? 0) });
  return field(key, label, control, () => control.value, () => (control.value === '' ? 0 : Number(control.value)), hint);
}

function checkField(key, label, value) {
  const control = h('input', { type: 'checkbox', checked: Boolean(value) });
  return field(key, label, control, () => control.checked, () => control.checked);
}

// Unix seconds shown and entered as a date and time in the viewer's zone; empty is none (0).
function timeField(key, label, seconds) {
  const control = h('input', { type: 'datetime-local', step: 1, value: localDateTime(seconds) });
  return field(key, `${label} (your time, ${viewerZone})`, control, () => control.value,
    () => (control.value ? Math.floor(new Date(control.value).getTime() / 1000) : 0), 'Empty: none.');
}

/** '2026-11-26T04:30:00' in the viewer's zone, as a datetime-local input takes it; '' for 0. */
function localDateTime(seconds) {
  if (!seconds) {
    return '';
  }
  const date = new Date(seconds * 1000);
  const pad = n => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
    + `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
