// Loans: propose (the terms sealed here for both parties), the proposals waiting for an
// answer (shown decrypted before accepting), the loans in effect with their maturity, and
// what each party can do with them — above all the lender's feedback when a loan matured.
import type { Vec } from '@polkadot/types';
import type { EventRecord } from '@polkadot/types/interfaces';
import { connect } from '../chain';
import { extensionHash } from '../crypto/sealing';
import { h } from '../dom';
import { chainClock, estimatedTime, when, type Clock } from '../dates';
import { formatLoan, hex, short } from '../format';
import { t } from '../i18n';
import { loansOf, openProposals, type LoanRecord } from '../records';
import {
  acceptanceHash,
  amountDue,
  contentKeyOf,
  detailsArgument,
  envelopeOf,
  openLoanOutcome,
  openTerms,
  type LoanTerms,
} from '../terms';
import { send, txStatus } from '../tx';
import {
  alert,
  currentUser,
  filledLater,
  inputProblem,
  loading,
  message,
  missingForLoans,
  note,
  reload,
  section,
  type User,
} from '../components/common';
import { identityProblem } from '../components/identity-fields';
import { partyFields } from '../components/party-fields';
import { consentForm } from '../components/consent-form';
import { recordForm } from '../components/record-form';
import { privateLenderSection } from '../components/private-lender';
import { onLeave } from '../components/lifecycle';
import { lenderView } from '../components/lender-view';
import { maturityView } from '../components/maturity-view';
import { daysSoFar, openOffer, openedOffers, type OfferDays } from '../private-schedule';
import { termsView } from '../components/terms-view';
import { termsFields } from '../components/terms-fields';
import { concludeForm, extensionForm, moreOpenForm } from '../components/lender-forms';
import { copyButton } from '../components/share';
import {
  lenderOf,
  loanTable,
  tableView,
  roleOf,
  rowOf,
  type TableView,
  type Role,
} from '../components/loan-table';

/**
 * Events of what others do on a private lender's loan (each has `loan_id` first): a request
 * to read it, its reclaim, the borrower's answer to an extension offer.
 */
const OTHERS_ON_PRIVATE_LOANS = [
  'AccessRequested',
  'AccessReclaimed',
  'SealedExtensionConfirmed',
  'SealedExtensionDeclined',
];

const roleIn = (loan: LoanRecord, user: User): Role => roleOf(loan, user.identity!.idHash);

/** Runs `tx` from the user's account, writing progress into `status`; then `after`. */
async function submit(
  user: User,
  makeTx: Parameters<typeof send>[0],
  status: HTMLElement,
  after: () => void,
) {
  try {
    await send(makeTx, user.account.address, status);
    // The form that sent it starts empty again; the page's other forms keep theirs.
    status.closest('form')?.reset();
    after();
  } catch {
    // The status line says why.
  }
}

/** The other party's id, to copy: whom the user lends to or borrows from. */
function otherParty(loan: LoanRecord, user: User): HTMLElement {
  const lending = roleIn(loan, user) === 'lender';
  const id = lending ? hex(loan.borrowerId) : lenderOf(loan);
  return h(
    'p',
    { 'data-testid': 'other-party' },
    t(lending ? 'otherPartyBorrower' : 'otherPartyLender'),
    h('code', {}, id),
    ' ',
    copyButton(id),
  );
}

/** The terms the user can read (as a party), or why not. */
function readableTerms(loan: LoanRecord, user: User): HTMLElement {
  try {
    const key = contentKeyOf(loan, user.secret!, envelopeOf(loan, roleIn(loan, user)));
    const terms = openTerms(loan.details, key, loan.borrowerId);
    const lender = lenderView(loan, terms);
    if (!lender) return termsView(terms);
    const concluded = loan.state === 'Concluded';
    const maturity = maturityView({ ...loan, concluded }, terms, openedOffers(loan.loanId, key));
    return h('div', {}, termsView(terms), lender, maturity);
  } catch (error) {
    return alert(t('cannotOpen', { message: message(error) }));
  }
}

function proposeForm(user: User, refresh: () => void): HTMLElement {
  const parties = partyFields();
  const terms = termsFields();
  const result = h('div');
  const status = txStatus();

  async function propose(event: Event) {
    event.preventDefault();
    result.replaceChildren();
    try {
      // The terms are checked before anything else: nothing is hashed, sealed or signed
      // for terms that are not well formed.
      const valid = await terms.valid();
      const { account, role, details } = await parties.seal(user, valid);
      result.replaceChildren(note(t('sealedFor', { who: short(account) })));
      await submit(
        user,
        (api) => api.tx.loans.propose(account, role, valid.period_days, detailsArgument(details)),
        status,
        refresh,
      );
    } catch (error) {
      result.replaceChildren(
        alert(inputProblem(error) ?? identityProblem(error) ?? message(error)),
      );
    }
  }

  return h(
    'form',
    { onsubmit: propose, 'data-testid': 'propose' },
    ...parties.nodes,
    terms.node,
    note(t('sealNote')),
    note(t('namedLenderNote')),
    h('button', { type: 'submit' }, t('propose')),
    result,
    status,
  );
}

/** A proposal to answer or withdraw; once accepted, the loan's card is opened (`open`). */
function proposalCard(
  loan: LoanRecord,
  user: User,
  clock: Clock,
  open: Set<number>,
  refresh: () => void,
): HTMLElement {
  const status = txStatus();
  const proposedByMe = (loan.proposer === 'Lender') === (roleIn(loan, user) === 'lender');
  const action = proposedByMe
    ? h(
        'button',
        {
          onclick: () => submit(user, (api) => api.tx.loans.withdraw(loan.loanId), status, refresh),
        },
        t('withdraw'),
      )
    : h(
        'span',
        {},
        h(
          'button',
          {
            class: 'primary',
            onclick: () =>
              submit(
                user,
                (api) =>
                  api.tx.loans.accept(loan.loanId, acceptanceHash(api.genesisHash.toU8a(), loan)),
                status,
                () => {
                  open.add(loan.loanId);
                  refresh();
                },
              ),
          },
          t('accept'),
        ),
        h(
          'button',
          {
            class: 'danger',
            onclick: () =>
              submit(user, (api) => api.tx.loans.decline(loan.loanId), status, refresh),
          },
          t('declineProposal'),
        ),
      );
  return h(
    'article',
    { class: 'loan', 'data-loan-id': String(loan.loanId), 'data-testid': 'proposal' },
    h(
      'h3',
      {},
      t('loanNumber', { id: loan.loanId }),
      ' · ',
      t(roleIn(loan, user) === 'lender' ? 'youLend' : 'youBorrow'),
    ),
    otherParty(loan, user),
    note(
      t(proposedByMe ? 'waitingForThem' : 'waitingForYou', {
        date: when(estimatedTime(loan.expiresAt ?? clock.block, clock), clock.at),
      }),
    ),
    readableTerms(loan, user),
    action,
    status,
  );
}

function stateLine(loan: LoanRecord, clock: Clock, role: Role): HTMLElement {
  const due = role === 'lender' && loan.state === 'AwaitingFeedback';
  const parts = [t(`state${loan.state}`)];
  if (loan.maturity !== undefined && loan.state !== 'Concluded') {
    const date = when(estimatedTime(loan.maturity, clock), clock.at);
    parts.push(t(loan.maturity > clock.block ? 'maturesAt' : 'maturedAt', { date }));
  }
  if (loan.extensions.length) parts.push(t('extensions', { count: loan.extensions.length }));
  return h(
    'p',
    {
      class: due ? 'due' : '',
      'data-state': loan.state,
      title: loan.maturity === undefined ? '' : `#${loan.maturity}`,
    },
    parts.join(' · '),
  );
}

function disclosureText(loan: LoanRecord): string {
  const d = loan.disclosure;
  if (d.level === 'paid') return t('paid', { price: formatLoan(d.price) });
  return t(d.level);
}

/**
 * A private lender's loan as a party reads it: the terms, who lent, the day it matures and
 * what is due then — from the sealed terms and the offers the borrower confirmed, which the
 * chain does not keep — and for the borrower, the lender's open extension offer, opened,
 * with its answer.
 */
function privateLoanParts(
  loan: LoanRecord,
  user: User,
  key: Uint8Array,
  terms: LoanTerms,
  refresh: () => void,
): HTMLElement[] {
  const concluded = loan.state === 'Concluded';
  const offers = openedOffers(loan.loanId, key);
  const due = h('p', { 'data-testid': 'amount-due' });
  filledLater(due, offers, (known) => {
    const days = daysSoFar(terms, known);
    due.append(t('dueAmount', { ...amountDue(terms, days), currency: terms.currency, days }));
  });
  const answer =
    roleIn(loan, user) === 'borrower' && !concluded
      ? sealedOfferAnswer(loan, user, offers, refresh)
      : null;
  return [
    termsView(terms),
    lenderView(loan, terms),
    maturityView({ ...loan, concluded }, terms, offers),
    due,
    answer,
  ].filter((part): part is HTMLElement => part !== null);
}

/** The borrower's two answers to an extension offer: `confirm` it, or decline it. */
function extensionAnswers(
  loan: LoanRecord,
  user: User,
  confirm: Parameters<typeof send>[0],
  status: HTMLElement,
  refresh: () => void,
): HTMLElement[] {
  return [
    h(
      'button',
      { class: 'primary', onclick: () => submit(user, confirm, status, refresh) },
      t('confirmExtension'),
    ),
    h(
      'button',
      {
        class: 'danger',
        onclick: () =>
          submit(user, (api) => api.tx.loans.declineExtension(loan.loanId), status, refresh),
      },
      t('declineExtension'),
    ),
    status,
  ];
}

/**
 * The borrower's answer to a private lender's extension offer: the days it opened, and a
 * confirmation of exactly that offer (`loans.confirmSealedExtension` with its hash) or a
 * refusal. An offer the borrower's key does not open is never confirmed.
 */
function sealedOfferAnswer(
  loan: LoanRecord,
  user: User,
  offers: Promise<OfferDays[]>,
  refresh: () => void,
): HTMLElement {
  const out = h('div', { 'data-testid': 'sealed-offer' });
  const status = txStatus();
  return filledLater(out, offers, async (known) => {
    const offer = openOffer(known);
    if (!offer) return;
    if (offer.extraDays === undefined) {
      out.append(alert(t('sealedOfferUnreadable')));
      return;
    }
    const api = await connect();
    const hash = extensionHash(
      api.genesisHash.toU8a(),
      loan.loanId,
      offer.index!,
      offer.nonce!,
      offer.ciphertext!,
    );
    out.dataset.days = String(offer.extraDays);
    out.append(
      note(t('extensionOffered', { days: offer.extraDays })),
      ...extensionAnswers(
        loan,
        user,
        (api) => api.tx.loans.confirmSealedExtension(loan.loanId, hash),
        status,
        refresh,
      ),
    );
  });
}

/** The terms the user can read, and what is due at maturity by them. */
function termsAndDue(loan: LoanRecord, user: User, refresh: () => void): HTMLElement[] {
  try {
    const key = contentKeyOf(loan, user.secret!, envelopeOf(loan, roleIn(loan, user)));
    const terms = openTerms(loan.details, key, loan.borrowerId);
    if (loan.lenderKey) return privateLoanParts(loan, user, key, terms, refresh);
    const days = loan.periodDays + loan.extensions.reduce((sum, e) => sum + e.extraDays, 0);
    const due = amountDue(terms, days);
    return [
      termsView(terms),
      h(
        'p',
        { 'data-testid': 'amount-due' },
        t('dueAmount', { ...due, currency: terms.currency, days }),
      ),
    ];
  } catch {
    return [readableTerms(loan, user)];
  }
}

function loanCard(loan: LoanRecord, user: User, clock: Clock, refresh: () => void): HTMLElement {
  const role = roleIn(loan, user);
  const lenderKey = () => contentKeyOf(loan, user.secret!, loan.details.lenderEnvelope);
  const due = role === 'lender' && loan.state === 'AwaitingFeedback';
  const actions: (HTMLElement | null)[] = [];
  const status = txStatus();
  if (role === 'lender' && (loan.state === 'Active' || loan.state === 'AwaitingFeedback')) {
    actions.push(
      concludeForm(loan, lenderKey, (sealed, disclosure, status) =>
        submit(
          user,
          (api) => api.tx.loans.conclude(loan.loanId, sealed, disclosure),
          status,
          refresh,
        ),
      ),
      extensionForm((days, status) =>
        submit(user, (api) => api.tx.loans.proposeExtension(loan.loanId, days), status, refresh),
      ),
    );
  }
  if (role === 'borrower' && loan.state === 'ExtensionProposed') {
    actions.push(
      note(t('extensionOffered', { days: loan.extraDays ?? 0 })),
      ...extensionAnswers(
        loan,
        user,
        // The days the borrower read: a replaced offer is refused, not confirmed.
        (api) => api.tx.loans.confirmExtension(loan.loanId, loan.extraDays ?? 0),
        status,
        refresh,
      ),
    );
  }
  if (role === 'lender' && loan.state === 'Concluded')
    actions.push(
      moreOpenForm(loan, lenderKey, (disclosure, status) =>
        submit(user, (api) => api.tx.loans.setDisclosure(loan.loanId, disclosure), status, refresh),
      ),
    );
  let outcome: string | undefined;
  if (loan.outcome) {
    try {
      const key = contentKeyOf(loan, user.secret!, envelopeOf(loan, role));
      outcome = t(openLoanOutcome(loan, key) === 'Breached' ? 'breached' : 'performedNormally');
    } catch (error) {
      outcome = message(error);
    }
  }
  return h(
    'article',
    {
      class: due ? 'loan due' : 'loan',
      'data-loan-id': String(loan.loanId),
      'data-testid': due ? 'feedback-due' : 'loan',
    },
    h(
      'h3',
      {},
      t('loanNumber', { id: loan.loanId }),
      ' · ',
      t(role === 'lender' ? 'youLend' : 'youBorrow'),
    ),
    due ? h('p', { class: 'prompt', role: 'alert' }, t('feedbackPrompt')) : null,
    otherParty(loan, user),
    stateLine(loan, clock, role),
    ...termsAndDue(loan, user, refresh),
    outcome ? h('p', { 'data-testid': 'outcome' }, t('outcomeIs', { outcome })) : null,
    h('p', {}, t('disclosureIs', { level: disclosureText(loan) })),
    ...actions,
  );
}

/** The terms of `loan` as the party `role` opens them, or undefined if they cannot be read. */
function termsFor(user: User) {
  return (loan: LoanRecord, role: Role) => {
    try {
      const key = contentKeyOf(loan, user.secret!, envelopeOf(loan, role));
      return openTerms(loan.details, key, loan.borrowerId);
    } catch {
      return undefined;
    }
  };
}

/** The user's loans as a table (./components/loan-table); a row opens the loan's card. */
async function myLoans(user: User, cards: TableView, refresh: () => void): Promise<Node[]> {
  const [records, clock] = await Promise.all([loansOf(user.identity!.idHash), chainClock()]);
  if (!records.length) return [];
  const byId = new Map(records.map((loan) => [loan.loanId, loan]));
  const terms = termsFor(user);
  const rows = records.map((loan) => rowOf(loan, user.identity!.idHash, clock, terms));
  const due = rows.filter((row) => row.waiting && row.role === 'lender').length;
  return [
    due
      ? h(
          'p',
          { class: 'prompt', 'data-testid': 'feedback-count' },
          t('feedbackCount', { count: due }),
        )
      : null,
    loanTable(rows, (loanId) => loanCard(byId.get(loanId)!, user, clock, refresh), cards),
  ].filter((node): node is HTMLElement => !!node);
}

export function loansPage(): HTMLElement {
  const page = h('main', {}, h('h1', {}, t('loansTitle')));
  const lists = h('div');
  // The loans whose cards are open, the table's filter and page: kept across redraws.
  const cards = tableView();
  // The lists are drawn again after each transaction and when the chain prompts, keeping
  // what is typed in them (a card's form, the table's filter); so does the proposal form.
  let boxes: { proposals: HTMLElement; loans: HTMLElement } | undefined;
  const render = async () => {
    const user = await currentUser();
    if (missingForLoans(user) || !user) return;
    const proposals = async () => {
      const [open, clock] = await Promise.all([openProposals(user.identity!.idHash), chainClock()]);
      return open.map((l) => proposalCard(l, user, clock, cards.open, render));
    };
    const mine = () => myLoans(user, cards, render);
    if (boxes) {
      reload(boxes.proposals, proposals, 'noProposals');
      reload(boxes.loans, mine, 'noLoansYet');
      return;
    }
    boxes = { proposals: loading(proposals, 'noProposals'), loans: loading(mine, 'noLoansYet') };
    lists.replaceChildren(
      section(t('proposalsTitle'), boxes.proposals),
      section(t('myLoansTitle'), boxes.loans),
    );
  };
  page.append(
    loading(async () => {
      const user = await currentUser();
      const missing = missingForLoans(user);
      if (missing || !user) return [missing ?? note(t('needAccount'))];
      void render();
      const privateLending = privateLenderSection(user);
      // The chain prompts the lender: an event of the loans pallet that names this account
      // (FeedbackDue, a proposal to it, a loan recorded with its consent) or a loan shown
      // here (an answer to a proposal or an extension offer) shows at once. So does what
      // others do on a private lender's loans shown below (a request to read one, the
      // borrower's answer to an extension offer); its own acts draw them again themselves.
      void connect().then(async (api) => {
        const unsubscribe = (await api.query.system.events((records: Vec<EventRecord>) => {
          const onPrivateLoans = new Set(
            records.flatMap(({ event }) =>
              event.section === 'loans' && OTHERS_ON_PRIVATE_LOANS.includes(event.method)
                ? [Number(event.data[0].toString())]
                : [],
            ),
          );
          for (const loanId of onPrivateLoans) void privateLending.redrawLoan(loanId);
          const shown = new Set(
            [...lists.querySelectorAll<HTMLElement>('[data-loan-id]')].map((e) => e.dataset.loanId),
          );
          const mine = records.some(({ event }) => {
            if (event.section !== 'loans') return false;
            const loanId = event.data.names?.indexOf('loanId') ?? -1;
            return (
              event.data.some((value) => value.toString() === user.account.address) ||
              (loanId >= 0 && shown.has(event.data[loanId].toString()))
            );
          });
          if (mine) void render();
        })) as unknown as () => void;
        onLeave(unsubscribe);
      });
      return [
        h(
          'button',
          {
            onclick: () => {
              void render();
              privateLending.redraw();
            },
          },
          t('refresh'),
        ),
        lists,
        // Lending without being named comes first: the forms below it name their lender.
        section(t('privateLendingTitle'), privateLending.node),
        section(t('consentTitle'), consentForm(user)),
        section(t('proposeTitle'), proposeForm(user, render)),
        section(t('recordTitle'), recordForm(user, render)),
      ];
    }, 'needAccount'),
  );
  return page;
}
