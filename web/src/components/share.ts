// Something a person hands to another — a consent, an id, an address — shown three ways: as
// text, with a button that copies it, and as a QR code another phone's camera reads
// (@paulmillr/qr: no dependencies; the SVG holds the code's modules only, never the text).
import encodeQR from '@paulmillr/qr';
import { h } from '../dom';
import { t } from '../i18n';

/** Screen pixels a module gets at least: a phone's camera reads a code at 4, not at 2 or 3. */
const MODULE_PX = 4;

/** White modules around the code: the four ISO/IEC 18004 asks for, so a camera finds its edges. */
const QUIET_ZONE = 4;

/** The QR code of `text`, as an SVG image; for more than a QR code holds, a note instead. */
export function qrCode(text: string): HTMLElement {
  const figure = h('figure', { class: 'qr', 'data-testid': 'qr' });
  try {
    figure.innerHTML = encodeQR(text, 'svg', { ecc: 'low', border: QUIET_ZONE });
  } catch {
    return h('p', { class: 'note' }, t('tooLongForQr'));
  }
  const svg = figure.querySelector('svg');
  if (svg) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', t('qrLabel'));
    // Whole pixels per module, no grey edges; as wide as its modules need (a long consent's
    // code has about 90), never wider than the screen (`max-width` in the style sheet).
    svg.setAttribute('shape-rendering', 'crispEdges');
    const modules = Number(svg.getAttribute('viewBox')?.split(' ')[2]) || 0;
    figure.style.width = `${Math.max(256, modules * MODULE_PX)}px`;
  }
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
