// Pieces every page uses: sections, labelled fields, and who is using the app.
import { TimeoutError, withTimeout } from '../chain';
import { h } from '../dom';
import { t, type Key } from '../i18n';
import { identityOf, type IdentityRecord } from '../records';
import { InputError } from '../terms';
import { activeAccount, encryptionSecret, type Account } from '../wallet';

export const section = (title: string, ...children: (Node | string | null | false)[]) =>
  h('section', { class: 'card' }, h('h2', {}, title), ...children);

export const field = (label: string, input: HTMLElement, hint?: string) =>
  h('label', {}, label, input, hint ? h('small', {}, hint) : null);

export const note = (text: string) => h('p', { class: 'note' }, text);

export const alert = (text: string) => h('p', { class: 'error', role: 'alert' }, text);

export const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A refused input (an `InputError` of ../terms) in words, or undefined for other errors. */
export const inputProblem = (error: unknown) =>
  error instanceof InputError ? t(error.key, error.values) : undefined;

export function input(name: string, attributes: Record<string, string | boolean> = {}) {
  return h('input', { name, autocomplete: 'off', spellcheck: 'false', ...attributes });
}

export function select(name: string, options: [string, Key][]) {
  return h(
    'select',
    { name },
    ...options.map(([value, label]) => h('option', { value }, t(label))),
  );
}

/** The parts of the page filled once an answer comes (`filledLater`), and when they are. */
const filling = new WeakMap<Element, Promise<unknown>>();

/**
 * `node`, filled by `fill` once `answer` is in: a part of a card that needs one more answer
 * from the chain (the day a private loan matures, who lent it). A list is put in the page
 * with such parts filled (`readInTurn`), and so is a card drawn again (`whenFilled`): a card
 * drawn anew never shows empty, for a moment, what it showed before — nor takes a button away
 * from under the user's pointer.
 */
export function filledLater<T, E extends HTMLElement>(
  node: E,
  answer: Promise<T>,
  fill: (value: T) => void | Promise<void>,
): E {
  node.dataset.filling = '';
  const filled = answer.then(fill);
  filling.set(
    node,
    filled.catch(() => undefined),
  );
  // A failure stays unhandled, as it was before this part was awaited: the console says it.
  void filled.finally(() => delete node.dataset.filling);
  return node;
}

/** Waits until every part of `nodes` filled later (`filledLater`) is filled, or failed. */
export async function whenFilled(nodes: Node[]) {
  const parts = nodes.flatMap((node) =>
    node instanceof Element
      ? [
          ...(node.matches('[data-filling]') ? [node] : []),
          ...node.querySelectorAll('[data-filling]'),
        ]
      : [],
  );
  await Promise.all(parts.map((part) => filling.get(part)));
}

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

const fieldsOf = (root: ParentNode) => [
  ...root.querySelectorAll<Field>('input[name], select[name], textarea[name]'),
];

/** Whether the user changed `f` from what it was drawn with. */
function edited(f: Field): boolean {
  if (f instanceof HTMLSelectElement) {
    // A select drawn with no option chosen shows its first.
    const drawn = Math.max(
      0,
      [...f.options].findIndex((option) => option.defaultSelected),
    );
    return f.selectedIndex !== drawn;
  }
  if (f instanceof HTMLInputElement && (f.type === 'checkbox' || f.type === 'radio'))
    return f.checked !== f.defaultChecked;
  return f.value !== f.defaultValue;
}

/**
 * `root`'s named fields by place: the loan whose card holds the field (the nearest
 * `data-loan-id` within `root`), its name, and how many of that name come before it there —
 * the same place in a part drawn anew, whichever loans it shows and in what order.
 */
function placesOf(root: Element): Map<string, Field> {
  const counts = new Map<string, number>();
  const places = new Map<string, Field>();
  for (const f of fieldsOf(root)) {
    const card = f.closest<HTMLElement>('[data-loan-id]');
    const key = `${card && root.contains(card) ? card.dataset.loanId : ''}/${f.name}`;
    const n = counts.get(key) ?? 0;
    counts.set(key, n + 1);
    places.set(`${key}/${n}`, f);
  }
  return places;
}

/**
 * Copies into `fresh` — drawn anew from the chain, to take `old`'s place — what the user typed
 * or chose in `old`'s fields, each into the field of the same place (`placesOf`). Returns
 * what puts the caret back in the field it was in, for once `fresh` is in the page.
 */
function copyTyped(old: Element, fresh: Element): () => void {
  let focus: { target: Field; from: Field } | undefined;
  for (const [place, f] of placesOf(old)) {
    // Looked up for each field: a change copied before may have drawn part of `fresh` anew
    // (a table's filter draws its rows).
    const target = placesOf(fresh).get(place);
    if (!target) continue;
    if (f === document.activeElement) focus = { target, from: f };
    if (!edited(f)) continue;
    const checkable =
      target instanceof HTMLInputElement && (target.type === 'checkbox' || target.type === 'radio');
    // A field drawn as the user left it (a table's filter, which the table keeps) is not
    // changed again: its change would redraw what depends on it.
    if (checkable ? target.checked === (f as HTMLInputElement).checked : target.value === f.value)
      continue;
    if (checkable) target.checked = (f as HTMLInputElement).checked;
    else target.value = f.value;
    // What a field's change shows or hides (the price of a paid disclosure) follows.
    target.dispatchEvent(new Event('input', { bubbles: true }));
    target.dispatchEvent(new Event('change', { bubbles: true }));
  }
  return () => {
    if (!focus) return;
    const { from, target } = focus;
    focusAt(target, caretOf(from));
  };
}

/** Where the caret of `field` is, if it has one. */
const caretOf = (field: Element | null) =>
  field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement
    ? { start: field.selectionStart, end: field.selectionEnd }
    : undefined;

/** Focuses `target`, with its caret at `caret` if both have one. */
function focusAt(target: HTMLElement, caret: ReturnType<typeof caretOf>) {
  target.focus();
  if (caret && (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement))
    try {
      target.setSelectionRange(caret.start, caret.end);
    } catch {
      // This kind of input (a number's) has no caret.
    }
}

/**
 * `box.replaceChildren(...nodes)`, leaving the focus — and the caret — where they were when
 * the field that has them is among the nodes kept: a part of the page drawn anew around a
 * form it keeps (the private lender's offer form) does not take the user out of the field
 * they are typing in. (Taking a focused node out of the page, even to put it back, blurs it.)
 */
export function replaceChildrenKeepingFocus(box: Element, ...nodes: Node[]) {
  const active = document.activeElement;
  const caret = caretOf(active);
  box.replaceChildren(...nodes);
  if (active instanceof HTMLElement && active.isConnected && active !== document.activeElement)
    focusAt(active, caret);
}

/**
 * Puts `fresh` — a part drawn anew from the chain — in the place of `old`, with what the user
 * typed or chose in `old`'s fields and the field they were typing in (`copyTyped`): news from
 * the chain does not wipe a form being filled in. A field left as drawn shows what `fresh`
 * was drawn with.
 */
export function replaceKeepingTyped(old: Element, fresh: Element) {
  const caret = copyTyped(old, fresh);
  old.replaceWith(fresh);
  caret();
}

/** `rows` in `box`, or the words `empty` for none. */
const fill = (box: Element, rows: Node[], empty: Key) =>
  box.replaceChildren(...(rows.length ? rows : [note(t(empty))]));

/** `error` in words in `box` — a node that did not answer in time included — and *Retry*. */
function failure(box: Element, error: unknown, retry: () => void) {
  box.replaceChildren(
    alert(
      error instanceof TimeoutError
        ? t('timedOut', { seconds: error.ms / 1000 })
        : t('failed', { message: message(error) }),
    ),
    h('button', { 'data-testid': 'retry', onclick: retry }, t('retry')),
  );
}

/**
 * The read each list waits for: null while one runs and none waits. A list reads once at a
 * time, and a read asked for meanwhile — news from the chain comes with each block, and a
 * slow node may take longer — runs after it, the latest of them only: however often the
 * chain asks, a list has at most one read running and one waiting.
 */
const nextRead = new WeakMap<Element, (() => void) | null>();

/**
 * Reads `load` for `box` in turn (`nextRead`), then `shown` its rows — with their parts filled
 * later filled (`whenFilled`) — or `failed`.
 */
function readInTurn(
  box: HTMLElement,
  load: () => Promise<Node[]>,
  shown: (rows: Node[]) => void,
  failed: (error: unknown) => void,
) {
  const run = () => {
    nextRead.set(box, null);
    // Being read: said to assistive technology, and by the page's style.
    box.setAttribute('aria-busy', 'true');
    withTimeout(
      load().then(async (rows) => {
        await whenFilled(rows);
        return rows;
      }),
    )
      .then(shown, failed)
      .finally(() => {
        const next = nextRead.get(box);
        nextRead.delete(box);
        box.removeAttribute('aria-busy');
        next?.();
      });
  };
  if (nextRead.has(box)) nextRead.set(box, run);
  else run();
}

/**
 * A list of rows loaded later: "Loading…" until `load` fills it, its failure in words — a
 * node that does not answer within `ANSWER_TIMEOUT_MS` included — with a button to try again.
 */
export function loading(load: () => Promise<Node[]>, empty: Key): HTMLElement {
  const box = h('div', { class: 'list' });
  const start = () => {
    box.replaceChildren(h('p', { class: 'note' }, t('loading')));
    readInTurn(
      box,
      load,
      (rows) => fill(box, rows, empty),
      (error) => failure(box, error, start),
    );
  };
  start();
  return box;
}

/**
 * A `loading` list loaded again: what it shows stays until the new rows are there, and they
 * take its place with what the user typed in it (`copyTyped`) — news from the chain wipes
 * neither a form being filled in nor a table's filter.
 */
export function reload(box: HTMLElement, load: () => Promise<Node[]>, empty: Key) {
  readInTurn(
    box,
    load,
    (rows) => {
      const fresh = h('div');
      fill(fresh, rows, empty);
      const caret = copyTyped(box, fresh);
      box.replaceChildren(...fresh.childNodes);
      caret();
    },
    (error) => failure(box, error, () => reload(box, load, empty)),
  );
}

/** The person using the app: the active account, its identity on chain, its X25519 key. */
export interface User {
  account: Account;
  identity?: IdentityRecord;
  secret?: Uint8Array;
}

export async function currentUser(): Promise<User | undefined> {
  const account = activeAccount();
  if (!account) return undefined;
  return {
    account,
    identity: await identityOf(account.address),
    secret: encryptionSecret(account.address),
  };
}

/**
 * What stops `user` from taking part in loans, in words — no account, no verified
 * identity, the key locked — or undefined when nothing does.
 */
export function missingForLoans(user: User | undefined): HTMLElement | undefined {
  if (!user) return note(t('needAccount'));
  if (user.identity?.status !== 'Verified') return note(t('needVerified'));
  if (!user.secret) return note(t('needUnlocked'));
  return undefined;
}
