// Access to sealed details: the lender's queue of requests (grant — the envelope is made in
// this browser — or decline), a viewer's own requests (status, the granted terms and outcome
// opened here, reclaim after the deadline), and the borrower's inquiry log.
import { connect } from '../chain';
import { makeEnvelope } from '../crypto/sealing';
import { h } from '../dom';
import { chainClock, estimatedTime, when } from '../dates';
import { formatLoan } from '../format';
import { t } from '../i18n';
import {
  accessLog,
  blocksPerDay,
  grantFor,
  identityOf,
  loan as loanRecord,
  loanIdsOf,
  openRequestCounts,
  type AccessEntry,
  type LoanRecord,
} from '../records';
import { contentKeyOf, openLoanOutcome, openTerms } from '../terms';
import { send, txStatus } from '../tx';
import {
  alert,
  currentUser,
  field,
  input,
  loading,
  message,
  missingForLoans,
  note,
  section,
  type User,
} from '../components/common';
import { requestAccessButton, requestedLoans } from '../components/request-button';
import { lenderView } from '../components/lender-view';
import { maturityView } from '../components/maturity-view';
import { openedOffers } from '../private-schedule';
import { termsView } from '../components/terms-view';
import { inquiryConsentForm } from '../components/inquiry-consent';
import { entryLine, inquiryLog } from '../components/inquiry-log';

/** The lender's queue: the open requests on each of their loans. */
async function lenderQueue(user: User, refresh: () => void): Promise<Node[]> {
  const rows: Node[] = [];
  const lent = await loanIdsOf(user.identity!.idHash, 'lender');
  // Only the loans with a request open are read further: one query for a whole book.
  const counts = await openRequestCounts(lent);
  for (const loanId of lent.filter((_, i) => counts[i] > 0)) {
    const open = (await accessLog(loanId)).filter((entry) => entry.status === 'Open');
    const loan = (await loanRecord(loanId))!;
    for (const entry of open) rows.push(await queueRow(loan, entry, user, refresh));
  }
  return rows;
}

async function queueRow(
  loan: LoanRecord,
  entry: AccessEntry,
  user: User,
  refresh: () => void,
): Promise<HTMLElement> {
  const status = txStatus();
  const answer = async (grant: boolean) => {
    try {
      await send(
        async (api) => {
          if (!grant) return api.tx.loans.declineAccess(loan.loanId, entry.viewer);
          const viewer = await identityOf(entry.viewer);
          if (!viewer) throw new Error(t('viewerUnknown'));
          // The content key, opened from the lender's envelope and sealed to the viewer's key.
          const key = contentKeyOf(loan, user.secret!, loan.details.lenderEnvelope);
          const envelope = makeEnvelope(key, viewer.encryptionKey);
          return api.tx.loans.grantAccess(loan.loanId, entry.viewer, envelope);
        },
        user.account.address,
        status,
      );
      refresh();
    } catch {
      // The status line says why.
    }
  };
  return h(
    'article',
    { class: 'request', 'data-loan-id': String(loan.loanId), 'data-viewer': entry.viewer },
    h('h3', {}, t('loanNumber', { id: loan.loanId })),
    h('p', {}, await entryLine(entry)),
    h('button', { class: 'primary', onclick: () => void answer(true) }, t('grant')),
    h('button', { class: 'danger', onclick: () => void answer(false) }, t('decline')),
    status,
  );
}

/** One loan the viewer asked about: the status of their last request, and what they may do. */
async function viewerRow(loanId: number, user: User, refresh: () => void): Promise<Node> {
  const me = user.account.address;
  const [log, envelope, clock, perDay, deadlineDays] = await Promise.all([
    accessLog(loanId),
    grantFor(loanId, me),
    chainClock(),
    blocksPerDay(),
    connect().then((api) => Number(api.consts.loans.accessDeadline.toString())),
  ]);
  const mine = log.filter((entry) => entry.viewer === me).pop();
  const status = txStatus();
  const body: (Node | null)[] = [h('p', {}, mine ? await entryLine(mine) : t('noRequest'))];
  if (envelope) {
    const loan = (await loanRecord(loanId))!;
    try {
      const key = contentKeyOf(loan, user.secret!, envelope);
      const terms = openTerms(loan.details, key, loan.borrowerId);
      const concluded = loan.state === 'Concluded';
      body.push(
        termsView(terms),
        lenderView(loan, terms),
        maturityView({ ...loan, concluded }, terms, openedOffers(loan.loanId, key)),
      );
      const outcome = openLoanOutcome(loan, key);
      body.push(
        h(
          'p',
          { 'data-testid': 'outcome' },
          outcome
            ? t('outcomeIs', {
                outcome: t(outcome === 'Breached' ? 'breached' : 'performedNormally'),
              })
            : t('notConcluded'),
        ),
      );
    } catch (error) {
      body.push(alert(t('cannotOpen', { message: message(error) })));
    }
  } else if (mine?.status === 'Open') {
    const deadline = mine.requestedAt + deadlineDays * perDay;
    body.push(
      clock.block >= deadline
        ? h(
            'button',
            {
              onclick: async () => {
                try {
                  await send((api) => api.tx.loans.reclaim(loanId), me, status);
                  refresh();
                } catch {
                  // The status line says why.
                }
              },
            },
            t('reclaim'),
          )
        : note(t('reclaimFrom', { date: when(estimatedTime(deadline, clock), clock.at) })),
      status,
    );
  }
  return h(
    'article',
    { class: 'request', 'data-loan-id': String(loanId), 'data-testid': 'my-request' },
    h('h3', {}, t('loanNumber', { id: loanId })),
    ...body,
  );
}

function askForm(): HTMLElement {
  const loanId = input('loanId', { type: 'number', min: '0' });
  const slot = h('span');
  return h(
    'form',
    {
      onsubmit: async (event: Event) => {
        event.preventDefault();
        // The price the loan has now is the one shown, and the most the request pays.
        const id = Number(loanId.value);
        const record = await loanRecord(id);
        if (!record) return slot.replaceChildren(alert(t('noSuchLoan', { id })));
        const { disclosure } = record;
        if (disclosure.level === 'public') return slot.replaceChildren(note(t('public')));
        const price = disclosure.level === 'paid' ? disclosure.price : 0n;
        const label =
          price > 0n ? t('payForAccess', { price: formatLoan(price) }) : t('requestAccess');
        slot.replaceChildren(requestAccessButton(id, label, price));
      },
    },
    field(t('loanId'), loanId),
    h('button', { type: 'submit' }, t('next')),
    slot,
  );
}

export function accessPage(): HTMLElement {
  const page = h('main', {}, h('h1', {}, t('accessTitle')));
  const render = () =>
    page.replaceChildren(
      h('h1', {}, t('accessTitle')),
      loading(async () => {
        const user = await currentUser();
        const missing = missingForLoans(user);
        if (missing || !user) return [missing ?? note(t('needAccount'))];
        const mine = requestedLoans(user.account.address);
        return [
          h('button', { onclick: render }, t('refresh')),
          section(
            t('queueTitle'),
            loading(() => lenderQueue(user, render), 'noQueue'),
          ),
          section(
            t('myRequestsTitle'),
            loading(
              () => Promise.all(mine.map((id) => viewerRow(id, user, render))),
              'noMyRequests',
            ),
            askForm(),
          ),
          section(
            t('inquiryTitle'),
            note(t('inquiryIntro')),
            loading(() => inquiryLog(user.identity!.idHash), 'noInquiries'),
          ),
          section(t('letLookTitle'), inquiryConsentForm(user)),
        ];
      }, 'needAccount'),
    );
  render();
  return page;
}
