// Asking before what cannot be undone: a modal dialog that says exactly what the act does,
// with the act's own words on its button. Nothing is signed unless the user confirms.
import { h } from '../dom';
import { t } from '../i18n';

/**
 * Shows a modal dialog titled `title` with `lines`, and resolves to true when the user
 * presses `action` (the button names the act, as "Record the outcome"), false on Cancel or
 * Escape.
 */
export function confirmAct(title: string, lines: string[], action: string): Promise<boolean> {
  return new Promise((resolve) => {
    const dialog = h(
      'dialog',
      { 'data-testid': 'confirm', 'aria-labelledby': 'confirm-title' },
      h('h2', { id: 'confirm-title' }, title),
      ...lines.map((line) => h('p', {}, line)),
      h(
        'form',
        { method: 'dialog', class: 'actions' },
        h('button', { value: 'cancel', type: 'submit' }, t('dialogCancel')),
        h('button', { value: 'confirm', type: 'submit', class: 'primary' }, action),
      ),
    );
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'confirm');
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
