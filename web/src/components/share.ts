// Something a person hands to another — a consent, an id, an address — shown three ways: as
// text, with a button that copies it, and as a QR code another phone's camera reads
// (@paulmillr/qr: no dependencies; the SVG holds the code's modules only, never the text).
import encodeQR from '@paulmillr/qr';
import { h } from '../dom';
import { t } from '../i18n';

/** Above this many characters a QR code gets the room a camera needs to read it. */
const LARGE = 600;

/** The QR code of `text`, as an SVG image; for more than a QR code holds, a note instead. */
export function qrCode(text: string): HTMLElement {
  const figure = h('figure', {
    class: text.length > LARGE ? 'qr large' : 'qr',
    'data-testid': 'qr',
  });
  try {
    figure.innerHTML = encodeQR(text, 'svg', { ecc: 'low', border: 2 });
  } catch {
    return h('p', { class: 'note' }, t('tooLongForQr'));
  }
  figure.querySelector('svg')?.setAttribute('role', 'img');
  figure.querySelector('svg')?.setAttribute('aria-label', t('qrLabel'));
  return figure;
}

/** A button that copies `text` to the clipboard and says so. */
export function copyButton(text: string): HTMLElement {
  const button = h('button', { type: 'button', class: 'copy' }, t('copy'));
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = t('copied');
    } catch {
      button.textContent = t('copyFailed');
    }
  });
  return button;
}

/** `text` in a block (`testId` names it for tests and scripts), a copy button and its QR code. */
export function shareable(text: string, testId: string): HTMLElement {
  return h(
    'div',
    { class: 'shareable' },
    h('pre', { 'data-testid': testId }, text),
    copyButton(text),
    qrCode(text),
  );
}
