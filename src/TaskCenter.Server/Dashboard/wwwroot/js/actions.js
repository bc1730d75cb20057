// Running a change the user asked for: confirm, call the API, say what happened, show the new state.
import { confirmDialog } from './confirm.js';
import { notify } from './notice.js';
import { refresh } from './router.js';

/**
 * confirm: the dialog's { title, message, confirmLabel }; run: the API call; done: the message on success (or a
 * function of the call's result); after: what to do next (default: render the page again).
 */
export async function runAction(button, { confirm, run, done, after = refresh }) {
  if (!(await confirmDialog(confirm))) {
    return;
  }
  button.disabled = true;
  try {
    const result = await run();
    notify(typeof done === 'function' ? done(result) : done, 'success');
    after(result);
  } catch (error) {
    notify(`${confirm.confirmLabel} failed: ${error.message}`, 'error');
  } finally {
    button.disabled = false;
  }
}
