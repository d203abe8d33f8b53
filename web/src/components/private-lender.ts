// Lending without being named (docs/web.md, "Lending privately"): the lender's tokens,
// bought blind from a registrar; a consent request for the borrower, sealed with the
// lender's signed statement of who lends and made for a fresh per-loan key; the loan
// recorded with the borrower's consent in a general transaction no account signs or pays;
// and the lender's loans, found by its per-loan keys, with its acts on them signed by each
// loan's key. The logic is ../private-lending; this is its page.
//
// Per-loan keys are derived from a secret: a browser account's own, unlocked; for an
// extension's account (whose secret the extension never gives out), a lending secret the app
// keeps for it in this browser — 12 words, backed up when made, unlocked with the password of
// the account's keys here (../wallet).
import { connect } from '../chain';
import { makeEnvelope, sealExtension, sealTerms } from '../crypto/sealing';
import { chainClock, estimatedTime, when, type Clock } from '../dates';
import { h } from '../dom';
import { formatLoan, hex, short } from '../format';
import { t } from '../i18n';
import { BUNDLE_SIZES } from '../crypto/tokens';
import {
  SIGNATURE_VARIANT,
  parsePrivateConsentRequest,
  parseSignedConsent,
  type PrivateConsentRequest,
  type SignedConsent,
} from '../consent-request';
import { submitGeneral } from '../general-tx';
import {
  actFailure,
  blindBundle,
  collect,
  keepRequest,
  lenderActCall,
  lenderBook,
  lenderStatement,
  privateLoans,
  recordPrivateBatchCall,
  recordPrivateCall,
  storeBook,
  tokenSellers,
  usableTokens,
  type Offer,
  type PrivateLoan,
  type Token,
} from '../private-lending';
import { openOffer, openedOffers, type OfferDays } from '../private-schedule';
import { accessLog, blocksPerDay, freeBalance, identityOf, loans, ownerOf } from '../records';
import { contentKeyOf, detailsArgument, openLoanOutcome, openTerms, termsBytes } from '../terms';
import { send, txStatus } from '../tx';
import {
  WrongPasswordError,
  canSign,
  hasLendingSecret,
  lendingSecretWords,
  perLoanKey,
  storeLendingSecret,
} from '../wallet';
import { randomBytes } from '@noble/hashes/utils.js';
import { mnemonicInput } from './backup';
import {
  alert,
  field,
  input,
  inputProblem,
  loading,
  message,
  note,
  reload,
  replaceChildrenKeepingFocus,
  replaceKeepingTyped,
  select,
  type User,
  whenFilled,
} from './common';
import { entryLine } from './inquiry-log';
import { concludeForm, extensionForm, moreOpenForm } from './lender-forms';
import { identityProblem, idField } from './identity-fields';
import { maturityView } from './maturity-view';
import { UnknownPartyError } from './party-fields';
import { shareable } from './share';
import { termsFields } from './terms-fields';
import { termsView } from './terms-view';

/** The tokens the lender has, its requests waiting for a registrar, and a form to buy more. */
function tokensPart(user: User, changed: () => void): HTMLElement {
  const me = user.account.address;
  const registrar = h('select', { name: 'tokenRegistrar' });
  const count = select(
    'tokenCount',
    BUNDLE_SIZES.map((size) => [String(size), `bundle${size}` as const]),
  );
  const status = txStatus();
  const problem = h('div');
  const buy = async (event: Event) => {
    event.preventDefault();
    problem.replaceChildren();
    const [seller, epoch] = registrar.value.split('@');
    if (!seller) {
      problem.replaceChildren(alert(t('noTokenSellers')));
      return;
    }
    try {
      const api = await connect();
      const { blinded, pending } = await blindBundle(
        me,
        seller,
        Number(epoch),
        Number(count.value),
      );
      const from = (await api.rpc.chain.getHeader()).number.toNumber();
      const events = await send(
        (api) => api.tx.creditIdentity.requestLenderTokens(seller, Number(epoch), blinded),
        me,
        status,
      );
      keepRequest(me, pending, events, from);
      changed();
    } catch (error) {
      if (!status.querySelector('[data-stage=failed]'))
        problem.replaceChildren(alert(message(error)));
    }
  };
  const held = loading(async () => {
    const api = await connect();
    const sellers = await tokenSellers();
    registrar.replaceChildren(
      ...sellers.map(({ registrar: r, epoch }) =>
        h('option', { value: `${r}@${epoch}` }, t('tokenSeller', { registrar: short(r), epoch })),
      ),
    );
    const lines: Node[] = [];
    for (const request of lenderBook(me).requests) {
      const outcome = await collect(me, request);
      if (outcome === 'waiting') {
        lines.push(
          h(
            'p',
            { 'data-testid': 'token-request', 'data-request': String(request.request) },
            t('tokenRequestWaiting', {
              request: request.request,
              count: request.keys.length,
              registrar: short(request.registrar),
            }),
          ),
        );
      } else if (outcome === 'expired') {
        lines.push(h('p', {}, t('tokenRequestExpired', { request: request.request })));
      } else if (outcome === 'lapsed') {
        const reclaim = txStatus();
        lines.push(
          h(
            'p',
            {},
            t('tokenRequestLapsed', { request: request.request }),
            ' ',
            h(
              'button',
              {
                onclick: () =>
                  send(
                    (api) => api.tx.creditIdentity.reclaimLenderTokens(request.request),
                    me,
                    reclaim,
                  ).catch(() => undefined),
              },
              t('reclaimTokens'),
            ),
            reclaim,
          ),
        );
      }
    }
    const tokens = await usableTokens(me);
    const price = BigInt(api.consts.creditIdentity.lenderTokenPrice.toString());
    return [
      h(
        'p',
        { 'data-testid': 'tokens-held', 'data-count': String(tokens.length) },
        t('tokensHeld', { count: tokens.length }),
      ),
      ...lines,
      note(t('tokenPrice', { price: formatLoan(price) })),
    ];
  }, 'loading');
  return h(
    'form',
    { 'data-testid': 'token-form', onsubmit: buy },
    held,
    field(t('tokenRegistrar'), registrar),
    field(t('tokenCount'), count),
    h('button', { type: 'submit' }, t('buyTokens')),
    h('button', { type: 'button', onclick: changed }, t('collectTokens')),
    problem,
    status,
  );
}

/** The borrower named by id: the account that holds it, verified, and its encryption key. */
async function borrowerOf(idHash: Uint8Array) {
  const account = await ownerOf(idHash);
  const identity = account ? await identityOf(account) : undefined;
  if (!account || identity?.status !== 'Verified') throw new UnknownPartyError();
  return { account, identity };
}

/** A consent request for a borrower, made for the next token's per-loan key. */
function offerForm(user: User, made: () => void): HTMLElement {
  const me = user.account.address;
  const borrower = idField();
  const terms = termsFields();
  const problem = h('div');
  const create = async (event: Event) => {
    event.preventDefault();
    problem.replaceChildren();
    try {
      const [token] = await usableTokens(me);
      if (!token) throw new Error(t('noTokensLeft'));
      const valid = await terms.valid();
      const borrowerId = borrower.idHash();
      const { account, identity } = await borrowerOf(borrowerId);
      const mine = user.identity!;
      const statement = await lenderStatement(
        me,
        token.index,
        mine.idHash,
        borrowerId,
        SIGNATURE_VARIANT[user.account.type],
      );
      const { details } = sealTerms(
        termsBytes({ ...valid, lender: statement }),
        borrowerId,
        mine.encryptionKey,
        identity.encryptionKey,
      );
      const api = await connect();
      const [clock, perDay] = await Promise.all([chainClock(), blocksPerDay()]);
      const request: PrivateConsentRequest = {
        genesisHash: api.genesisHash.toHex(),
        lenderKey: hex(perLoanKey(me, token.index).publicKey),
        borrowerId: hex(borrowerId),
        details: detailsArgument(details),
        // One chain day to sign and hand back, and the token is good a day longer.
        deadline: clock.block + perDay,
      };
      parsePrivateConsentRequest(JSON.stringify(request));
      const book = lenderBook(me);
      book.offers.push({ index: token.index, borrower: account, request });
      storeBook(me, book);
      made();
    } catch (error) {
      problem.replaceChildren(
        alert(inputProblem(error) ?? identityProblem(error) ?? message(error)),
      );
    }
  };
  return h(
    'form',
    { 'data-testid': 'private-offer-form', onsubmit: create },
    note(t('privateOfferIntro')),
    borrower.node,
    terms.node,
    h('button', { type: 'submit' }, t('makePrivateRequest')),
    problem,
  );
}

/** An offer's card: the card, the box its consent is pasted into, and its line saying until when. */
interface OfferCard {
  card: HTMLElement;
  box: HTMLTextAreaElement;
  validity: HTMLElement;
}

/**
 * The offers' cards of a section, kept between its draws by their request's nonce: a consent
 * pasted into one is still there after the lender makes another offer, and no card (with its
 * QR code) is made twice.
 */
type OfferCards = Map<string, OfferCard>;

const offerNonce = (offer: Offer) => offer.request.details.nonce;

/**
 * An offer waiting for the borrower's consent, and the button that records the loan; and the
 * box the consent is pasted into.
 */
function offerCard(user: User, offer: Offer, changed: () => void): OfferCard {
  const me = user.account.address;
  const box = h('textarea', { name: 'signedConsent', rows: '3', spellcheck: 'false' });
  const status = txStatus();
  const problem = h('div');
  const validity = h('p', { class: 'note' });
  const forget = () => forgetOffers(me, [offer]);
  const record = async () => {
    problem.replaceChildren();
    try {
      const consent = parseSignedConsent(box.value, offer.request);
      const token = lenderBook(me).tokens.find((tk) => tk.index === offer.index);
      if (!token) throw new Error(t('noTokensLeft'));
      await submitGeneral(() => recordPrivateCall(me, offer, consent, token), status);
      forget();
      changed();
    } catch (error) {
      if (!status.querySelector('[data-stage=failed]'))
        problem.replaceChildren(alert(message(error)));
    }
  };
  const card = h(
    'article',
    { class: 'loan', 'data-testid': 'private-offer' },
    h('h3', {}, t('pendingRecordTitle', { who: short(offer.request.borrowerId) })),
    validity,
    shareable(JSON.stringify(offer.request), 'private-consent-request'),
    field(t('signedConsent'), box, t('signedConsentHint')),
    h('button', { class: 'primary', onclick: record }, t('recordPrivately')),
    h(
      'button',
      {
        onclick: () => {
          forget();
          changed();
        },
      },
      t('forgetRequest'),
    ),
    problem,
    status,
  );
  return { card, box, validity };
}

/** Says until when the borrower can sign `offer`'s request, or that its time is up. */
function showValidity({ validity }: OfferCard, offer: Offer, clock: Clock) {
  const expired = offer.request.deadline < clock.block;
  validity.textContent = t(expired ? 'consentRequestExpired' : 'consentRequestValid', {
    date: when(estimatedTime(offer.request.deadline, clock), clock.at),
  });
}

/** Forgets offers recorded, or given up. */
function forgetOffers(address: string, done: Offer[]) {
  const nonces = new Set(done.map((offer) => offer.request.details.nonce));
  const book = lenderBook(address);
  book.offers = book.offers.filter((offer) => !nonces.has(offer.request.details.nonce));
  storeBook(address, book);
}

/**
 * The offers waiting for consent, each with its card; with two or more, a button records
 * every one whose consent is in, in one `record_private_batch`.
 */
async function offerCards(user: User, changed: () => void, kept: OfferCards): Promise<Node[]> {
  const me = user.account.address;
  const offers = lenderBook(me).offers;
  const clock = await chainClock();
  const waiting = new Set(offers.map(offerNonce));
  for (const nonce of kept.keys()) if (!waiting.has(nonce)) kept.delete(nonce);
  const cards = offers.map((offer) => {
    let card = kept.get(offerNonce(offer));
    if (!card) {
      card = offerCard(user, offer, changed);
      kept.set(offerNonce(offer), card);
    }
    showValidity(card, offer, clock);
    return card;
  });
  if (offers.length < 2) return cards.map(({ card }) => card);
  const status = txStatus();
  const problem = h('div');
  const most = Number((await connect()).consts.loans.maxPrivateBatch.toString());
  const recordAll = async () => {
    problem.replaceChildren();
    let recorded = false;
    try {
      const book = lenderBook(me);
      // Only offers still waiting: one recorded meanwhile (by its own button, or by an
      // earlier batch that failed part-way) is not sent again.
      const stillWaiting = new Set(book.offers.map(offerNonce));
      const ready = offers.flatMap((offer, i): [Offer, SignedConsent, Token][] => {
        const text = cards[i].box.value.trim();
        const token = book.tokens.find((tk) => tk.index === offer.index);
        return text && token && stillWaiting.has(offerNonce(offer))
          ? [[offer, parseSignedConsent(text, offer.request), token]]
          : [];
      });
      if (!ready.length) throw new Error(t('noConsentsYet'));
      // As many batches as the chain's bound on one (`MaxPrivateBatch`) asks for, in turn.
      for (let from = 0; from < ready.length; from += most) {
        const part = ready.slice(from, from + most);
        await submitGeneral(() => recordPrivateBatchCall(me, part), status);
        forgetOffers(
          me,
          part.map(([offer]) => offer),
        );
        recorded = true;
      }
      changed();
    } catch (error) {
      if (!status.querySelector('[data-stage=failed]'))
        problem.replaceChildren(alert(message(error)));
      else if (recorded) problem.replaceChildren(note(t('someRecorded')));
    }
  };
  return [
    ...cards.map(({ card }) => card),
    h(
      'p',
      {},
      h(
        'button',
        { 'data-testid': 'record-private-batch', onclick: recordAll },
        t('recordBatch', { most }),
      ),
      note(t('privateBatchNote')),
      problem,
      status,
    ),
  ];
}

/** The lender's act on one of its loans, signed by the loan's key and submitted. */
async function act(
  user: User,
  loan: PrivateLoan,
  lenderAct: object,
  status: HTMLElement,
  after: () => void,
) {
  try {
    await submitGeneral(
      () => lenderActCall(user.account.address, loan, lenderAct),
      status,
      actFailure,
    );
    // The form that made the act starts empty again; the card's other forms keep theirs.
    status.closest('form')?.reset();
    after();
  } catch {
    // The status line says why.
  }
}

/** Conclude the loan (outcome sealed, disclosure chosen), or open it further. */
function actForms(user: User, loan: PrivateLoan, contentKey: Uint8Array, changed: () => void) {
  const key = () => contentKey;
  if (loan.loan.state !== 'Concluded')
    return [
      concludeForm(loan.loan, key, (sealedOutcome, disclosure, status) =>
        act(user, loan, { Conclude: { sealedOutcome, disclosure } }, status, changed),
      ),
    ];
  const more = moreOpenForm(loan.loan, key, (disclosure, status) =>
    act(user, loan, { SetDisclosure: { disclosure } }, status, changed),
  );
  return more ? [more] : [];
}

/**
 * More days for a loan in effect: the days sealed under the loan's content key for the
 * offer's place — the open offer's, which a new one replaces, or the next — and offered by
 * the act `ProposeExtension`. Only the parties read the days.
 */
function extensionOfferForm(
  user: User,
  loan: PrivateLoan,
  contentKey: Uint8Array,
  offers: Promise<OfferDays[]>,
  changed: () => void,
): HTMLElement {
  return extensionForm(async (extra, status) => {
    const known = await offers;
    const index = openOffer(known)?.index ?? known.length;
    // A nonce of its own: never the details' nor an earlier offer's (the same key seals all).
    const used = new Set([
      hex(loan.loan.details.nonce),
      ...known.flatMap((o) => (o.nonce ? [hex(o.nonce)] : [])),
    ]);
    let nonce = randomBytes(12);
    while (used.has(hex(nonce))) nonce = randomBytes(12);
    const ciphertext = sealExtension(contentKey, nonce, extra, loan.loan.loanId, index);
    await act(user, loan, { ProposeExtension: { offer: { nonce, ciphertext } } }, status, changed);
  });
}

/**
 * The open access requests on a loan, each with the lender's answer: the act `GrantAccess`
 * (the content key sealed to the viewer's key; a paid request's price goes to the loan's
 * own key's account, which links nothing to the lender) or `DeclineAccess`.
 */
async function accessAnswers(
  user: User,
  loan: PrivateLoan,
  contentKey: Uint8Array,
  changed: () => void,
): Promise<HTMLElement[]> {
  const open = (await accessLog(loan.loan.loanId)).filter((entry) => entry.status === 'Open');
  const payee = perLoanKey(user.account.address, loan.index).address;
  return Promise.all(
    open.map(async (entry) => {
      const status = txStatus();
      const answer = async (grant: boolean) => {
        if (!grant) {
          await act(user, loan, { DeclineAccess: { viewer: entry.viewer } }, status, changed);
          return;
        }
        const viewer = await identityOf(entry.viewer);
        if (!viewer) {
          status.replaceChildren(alert(t('viewerUnknown')));
          return;
        }
        const envelope = makeEnvelope(contentKey, viewer.encryptionKey);
        await act(
          user,
          loan,
          { GrantAccess: { viewer: entry.viewer, envelope, payee } },
          status,
          changed,
        );
      };
      return h(
        'div',
        { class: 'request', 'data-testid': 'private-request', 'data-viewer': entry.viewer },
        h('p', {}, await entryLine(entry)),
        h('button', { class: 'primary', onclick: () => void answer(true) }, t('grant')),
        h('button', { class: 'danger', onclick: () => void answer(false) }, t('decline')),
        status,
      );
    }),
  );
}

/**
 * What the loan's own key's account holds — a paid request's price goes there (the act
 * `GrantAccess` names it), which links nothing to the lender — and a form that moves it all
 * to an account the lender names: a transfer the loan's key signs and pays the fee of.
 */
async function loanAccountPart(
  user: User,
  loan: PrivateLoan,
  changed: () => void,
): Promise<HTMLElement[]> {
  const key = perLoanKey(user.account.address, loan.index);
  const free = await freeBalance(key.address);
  if (!free) return [];
  const to = input('moveTo');
  const status = txStatus();
  const move = async (event: Event) => {
    event.preventDefault();
    try {
      await send(
        (api) => api.tx.balances.transferAll(to.value.trim(), false),
        key.address,
        status,
        key,
      );
      to.value = '';
      changed();
    } catch {
      // The status line says why.
    }
  };
  return [
    h(
      'form',
      { 'data-testid': 'loan-account', 'data-free': String(free), onsubmit: move },
      h('p', {}, t('loanAccountHolds', { amount: formatLoan(free), account: short(key.address) })),
      field(t('moveTo'), to, t('moveToHint')),
      h('button', { type: 'submit' }, t('moveMoney')),
      status,
    ),
  ];
}

/**
 * One of the lender's loans: its terms, when it matures, and what the lender can do — drawn
 * whole, its requests and its key's account read too.
 */
async function privateLoanCard(
  user: User,
  loan: PrivateLoan,
  changed: () => void,
): Promise<HTMLElement> {
  const { loanId, state, borrowerId, details } = loan.loan;
  const card = h(
    'article',
    {
      class: 'loan',
      'data-testid': 'private-loan',
      'data-loan-id': String(loanId),
      'data-index': String(loan.index),
      'data-acts': String(loan.acts),
    },
    h('h3', {}, t('privateLoanTitle', { id: loanId, index: loan.index })),
    h('p', {}, t('privateLoanBorrower', { id: short(hex(borrowerId)) }), ' ', t(`state${state}`)),
  );
  let contentKey: Uint8Array;
  let terms: ReturnType<typeof openTerms>;
  let outcome: ReturnType<typeof openLoanOutcome>;
  try {
    contentKey = contentKeyOf(loan.loan, user.secret!, details.lenderEnvelope);
    terms = openTerms(details, contentKey, borrowerId);
    outcome = openLoanOutcome(loan.loan, contentKey);
  } catch {
    card.append(alert(t('privateLoanUnreadable')));
    return card;
  }
  const concluded = state === 'Concluded';
  const offers = openedOffers(loanId, contentKey);
  const [requests, money] = await Promise.all([
    accessAnswers(user, loan, contentKey, changed),
    loanAccountPart(user, loan, changed),
  ]);
  card.append(
    termsView(terms),
    ...[maturityView({ lenderKey: loan.loan.lenderKey, concluded }, terms, offers)].filter(
      (part): part is HTMLElement => part !== null,
    ),
    ...(outcome ? [note(t(outcome === 'Breached' ? 'breached' : 'performedNormally'))] : []),
    ...actForms(user, loan, contentKey, changed),
    ...(concluded ? [] : [extensionOfferForm(user, loan, contentKey, offers, changed)]),
    ...requests,
    ...money,
  );
  return card;
}

/**
 * An extension's account without its lending secret unlocked: when none is stored, the form
 * that makes a new one (its words backed up first) or keeps one written down before; storing
 * it redraws the page (../wallet's change).
 */
function lendingSecretPart(address: string): HTMLElement {
  // A stored one opens with the account's encryption key (Account, *Unlock*), which the
  // Loans page asks for before this section.
  if (hasLendingSecret(address)) return note(t('needUnlocked'));
  const result = h('div');
  const password = input('lendingPassword', { type: 'password', autocomplete: 'new-password' });
  const failed = (error: unknown) =>
    result.replaceChildren(
      alert(error instanceof WrongPasswordError ? t('wrongPassword') : message(error)),
    );
  const words = mnemonicInput('lendingWords', 'lendingSecretGenerate', 'lendingBackupIntro');
  return h(
    'form',
    {
      'data-testid': 'lending-secret-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        const problem = words.problem(password.value);
        if (problem) {
          result.replaceChildren(alert(t(problem)));
          return;
        }
        storeLendingSecret(address, words.words.value, password.value).catch(failed);
      },
    },
    note(t('lendingSecretIntro')),
    field(t('lendingSecretWords'), words.words, t('lendingSecretWordsHint')),
    words.generate,
    words.backupSlot,
    field(t('password'), password, t('lendingSecretPasswordHint')),
    h('button', { type: 'submit' }, t('lendingSecretKeep')),
    result,
  );
}

/** The private loans the section shows at first, and how many more *Show older loans* adds. */
const PRIVATE_LOANS_PAGE = 20;

/**
 * The private lender's section of the Loans page: for an account kept in this browser and
 * unlocked, or an extension's account with its lending secret unlocked. `redraw` draws it
 * again from the chain: the offer form and the offers' cards stay (what is typed in them
 * with them), and the loans' cards keep what is typed in them. `redrawLoan` draws one
 * loan's card again — after an act of the lender's on it, or of others' (a request to read
 * it, the borrower's answer to an offer) — keeping what is typed in it.
 */
export function privateLenderSection(user: User): {
  node: HTMLElement;
  redraw: () => void;
  redrawLoan: (loanId: number) => Promise<void>;
} {
  const me = user.account.address;
  const out = h('div', { 'data-testid': 'private-lender' });
  const extension = user.account.source === 'extension';
  const offers: OfferCards = new Map();
  // A new offer's form once the last one made its request.
  const offerMade = () => {
    offer = offerForm(user, offerMade);
    draw();
  };
  let offer = offerForm(user, offerMade);
  let shown = PRIVATE_LOANS_PAGE;
  // A loan's card drawn again from the chain, keeping what is typed in it.
  const drawCard = async (loanId: number) => {
    const shownCard = () =>
      out.querySelector<HTMLElement>(`[data-testid=private-loan][data-loan-id="${loanId}"]`);
    const before = shownCard();
    if (!before) return;
    const [record] = await loans([loanId]);
    if (!record) return;
    const fresh = await privateLoanCard(
      user,
      { index: Number(before.dataset.index), loan: record, acts: record.lenderActs ?? 0 },
      () => void redrawLoan(loanId),
    );
    await whenFilled([fresh]);
    // The card as it is now: the whole section may have been drawn meanwhile.
    const now = shownCard();
    if (now) replaceKeepingTyped(now, fresh);
  };
  // The loans whose card is being drawn, and whether it is asked for again meanwhile: one
  // draw of a card at a time, and one more after it however often it was asked for.
  const drawing = new Map<number, { again: boolean }>();
  const redrawLoan = async (loanId: number) => {
    const running = drawing.get(loanId);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: false };
    drawing.set(loanId, state);
    try {
      do {
        state.again = false;
        await drawCard(loanId);
      } while (state.again);
    } catch {
      // The card stays as it was; the next event or the *Refresh* button draws it again.
    } finally {
      drawing.delete(loanId);
    }
  };
  const olderLoans = () => {
    shown += PRIVATE_LOANS_PAGE;
    draw();
  };
  const lent = async () => {
    const { loans: mine, more } = await privateLoans(me, shown);
    return [
      ...(await Promise.all(
        mine.map((loan) => privateLoanCard(user, loan, () => void redrawLoan(loan.loan.loanId))),
      )),
      ...(more
        ? [
            h(
              'button',
              { 'data-testid': 'older-private-loans', onclick: olderLoans },
              t('olderPrivateLoans'),
            ),
          ]
        : []),
    ];
  };
  // The loans' list, read again on each draw keeping what is typed in its cards.
  let lentBox: HTMLElement | undefined;
  // Kept between draws as the user left them: the lending secret's form while its words are
  // being typed or backed up (drawn anew only when a secret was stored meanwhile), and the
  // box that shows the secret's words, open or shut.
  let secretForm: { stored: boolean; node: HTMLElement } | undefined;
  let secretBox: { words: string; node: HTMLElement } | undefined;
  const draw = () => {
    if (extension && !lendingSecretWords(me)) {
      lentBox = undefined;
      const stored = hasLendingSecret(me);
      if (secretForm?.stored !== stored) secretForm = { stored, node: lendingSecretPart(me) };
      replaceChildrenKeepingFocus(out, secretForm.node);
      return;
    }
    secretForm = undefined;
    if (!canSign(me)) {
      lentBox = undefined;
      out.replaceChildren(note(t('needUnlocked')));
      return;
    }
    const words = lendingSecretWords(me);
    if (words && secretBox?.words !== words)
      secretBox = {
        words,
        node: h(
          'details',
          { 'data-testid': 'lending-secret' },
          h('summary', {}, t('lendingSecretShow')),
          note(t('lendingSecretLoanctl')),
          h('code', { 'data-testid': 'lending-secret-words' }, words),
        ),
      };
    if (lentBox) reload(lentBox, lent, 'noPrivateLoans');
    else lentBox = loading(lent, 'noPrivateLoans');
    replaceChildrenKeepingFocus(
      out,
      note(t('privateLenderIntro')),
      ...(words && secretBox ? [secretBox.node] : []),
      h('h3', {}, t('tokensTitle')),
      tokensPart(user, draw),
      h('h3', {}, t('privateOfferTitle')),
      offer,
      loading(() => offerCards(user, draw, offers), 'noPrivateOffers'),
      h('h3', {}, t('privateLoansTitle')),
      lentBox,
    );
  };
  draw();
  return { node: out, redraw: draw, redrawLoan };
}
