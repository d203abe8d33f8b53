// The lender's forms on a loan in effect or concluded, for a public lender (its account
// submits `conclude`, `set_disclosure`, `propose_extension`) and a private one (the loan's
// own key signs the act `act_as_lender`): the outcome sealed with the disclosure chosen,
// the disclosure opened further, and more days. Each form checks what is typed, confirms
// what cannot be undone, and hands the act to `submit` with its status line.
//
// Disclosure (SPEC §3) only moves towards openness: encrypted, sold for a price, published.
import { randomBytes } from '@noble/hashes/utils.js';
import { connect } from '../chain';
import { BREACHED, PERFORMED_NORMALLY, sealOutcome } from '../crypto/sealing';
import { h } from '../dom';
import { formatLoan, hex } from '../format';
import { t } from '../i18n';
import type { LoanRecord } from '../records';
import { validPrice, wholeDays } from '../terms';
import { txStatus } from '../tx';
import { alert, field, input, inputProblem, message, select } from './common';
import { confirmAct } from './confirm';

/** The disclosure argument of `conclude`, `set_disclosure` and their acts. */
export type DisclosureArg = ReturnType<typeof disclosureValue>;
/** An outcome sealed under the content key, as `conclude` takes it. */
export interface SealedOutcomeArg {
  nonce: Uint8Array;
  ciphertext: Uint8Array;
}
/** Submits a form's act, writing its progress into `status`. */
type Submit<A extends unknown[]> = (...args: [...A, status: HTMLElement]) => Promise<void>;

function disclosureFields(from: 'encrypted' | 'paid' | 'public' = 'encrypted') {
  const levels: [string, Parameters<typeof t>[0]][] = [
    ['encrypted', 'keepEncrypted'],
    ['paid', 'sellAccess'],
    ['public', 'publish'],
  ];
  const order = ['encrypted', 'paid', 'public'];
  const level = select(
    'disclosure',
    levels.filter(([value]) => order.indexOf(value) >= order.indexOf(from)),
  );
  const price = input('price', { inputmode: 'decimal', placeholder: '5' });
  const priceField = field(t('priceLoan'), price);
  const sync = () => (priceField.hidden = level.value !== 'paid');
  level.addEventListener('change', sync);
  sync();
  return { level, price, nodes: [field(t('disclosure'), level), priceField] };
}

/** What the chosen disclosure does, for the confirmation. */
function disclosureConsequence(level: string, price: string): string {
  if (level === 'paid') return t('confirmDisclosurePaid', { price: formatLoan(validPrice(price)) });
  if (level === 'public') return t('confirmDisclosurePublic');
  return t('confirmDisclosureEncrypted');
}

/** The disclosure argument; a price that is not an amount above zero is refused. */
function disclosureValue(level: string, price: string, contentKey: Uint8Array) {
  if (level === 'paid') return { Paid: { price: validPrice(price) } };
  if (level === 'public') return { Public: { contentKey } };
  return { Encrypted: null };
}

/** The lender's conclusion: outcome sealed under the content key, and the disclosure level. */
export function concludeForm(
  loan: LoanRecord,
  contentKey: () => Uint8Array,
  submit: Submit<[SealedOutcomeArg, DisclosureArg]>,
): HTMLElement {
  const outcome = select('outcome', [
    ['performed', 'performedNormally'],
    ['breached', 'breached'],
  ]);
  const { level, price, nodes } = disclosureFields();
  const status = txStatus();
  const errors = h('div');
  const conclude = async (event: Event) => {
    event.preventDefault();
    errors.replaceChildren();
    let disclosure: DisclosureArg;
    let key: Uint8Array;
    try {
      key = contentKey();
      disclosure = disclosureValue(level.value, price.value, key);
    } catch (error) {
      errors.replaceChildren(alert(inputProblem(error) ?? message(error)));
      return;
    }
    const breached = outcome.value === 'breached';
    const confirmed = await confirmAct(
      t('confirmConcludeTitle', { id: loan.loanId }),
      [
        t('confirmConclude', { outcome: t(breached ? 'breached' : 'performedNormally') }),
        disclosureConsequence(level.value, price.value),
      ],
      t('conclude'),
    );
    if (!confirmed) return;
    // A fresh nonce, never the details' own (the same key seals both).
    let nonce = randomBytes(12);
    while (hex(nonce) === hex(loan.details.nonce)) nonce = randomBytes(12);
    const byte = breached ? BREACHED : PERFORMED_NORMALLY;
    await submit(
      { nonce, ciphertext: sealOutcome(key, nonce, byte, loan.loanId) },
      disclosure,
      status,
    );
  };
  return h(
    'form',
    { class: 'conclude', onsubmit: conclude },
    field(t('outcome'), outcome),
    ...nodes,
    h('button', { type: 'submit', class: 'primary' }, t('conclude')),
    errors,
    status,
  );
}

/** The disclosure of a concluded loan opened further; none once it is public. */
export function moreOpenForm(
  loan: LoanRecord,
  contentKey: () => Uint8Array,
  submit: Submit<[DisclosureArg]>,
): HTMLElement | null {
  if (loan.disclosure.level === 'public') return null;
  const { level, price, nodes } = disclosureFields(loan.disclosure.level);
  const status = txStatus();
  const errors = h('div');
  const open = async (event: Event) => {
    event.preventDefault();
    errors.replaceChildren();
    let disclosure: DisclosureArg;
    try {
      disclosure = disclosureValue(level.value, price.value, contentKey());
    } catch (error) {
      errors.replaceChildren(alert(inputProblem(error) ?? message(error)));
      return;
    }
    const confirmed = await confirmAct(
      t('confirmOpenTitle', { id: loan.loanId }),
      [disclosureConsequence(level.value, price.value), t('confirmOpenNote')],
      t('setDisclosure'),
    );
    if (confirmed) await submit(disclosure, status);
  };
  return h(
    'form',
    { onsubmit: open },
    ...nodes,
    h('button', { type: 'submit' }, t('setDisclosure')),
    errors,
    status,
  );
}

/** More days for a loan in effect: a whole number, up to the chain's longest period. */
export function extensionForm(submit: Submit<[number]>): HTMLElement {
  const days = input('extraDays', { inputmode: 'numeric', required: true, value: '30' });
  const status = txStatus();
  const errors = h('div');
  const offer = async (event: Event) => {
    event.preventDefault();
    errors.replaceChildren();
    const api = await connect();
    let extra: number;
    try {
      extra = wholeDays(
        days.value,
        Number(api.consts.loans.maxPeriodDays.toString()),
        'extraDaysInvalid',
      );
    } catch (error) {
      errors.replaceChildren(alert(inputProblem(error) ?? message(error)));
      return;
    }
    await submit(extra, status);
  };
  return h(
    'form',
    { class: 'extension', onsubmit: offer },
    field(t('extraDays'), days),
    h('button', { type: 'submit' }, t('proposeExtension')),
    errors,
    status,
  );
}
