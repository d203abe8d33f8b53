// Notices: what waits for the active account — loans whose feedback is due, proposals and
// extension offers to answer, requests for access to answer — counted on new blocks, shown
// as badges on the pages' tabs and in the browser tab's title, and, if the user turned them
// on, as a browser notification when a count grows. A private lender's loans count too: the
// app computes their maturity from the sealed terms (the chain prompts no private lender: it
// would show the period), and their borrowers' sealed extension offers to answer.
import { connect } from './chain';
import { hex } from './format';
import { privateLenderNotices } from './private-lending';
import { waitingOffers } from './private-schedule';
import { identityOf, loansOf, openProposals, openRequestCounts } from './records';
import { encryptionSecret } from './wallet';

export interface Notices {
  /**
   * Feedback due (a private lender's loans too), proposals to answer, extension offers to
   * answer (sealed ones too), requests to read a private lender's loans — the Loans page.
   */
  loans: number;
  /** Open requests for access to the account's loans (the Access page). */
  access: number;
}

const none: Notices = { loans: 0, access: 0 };

/**
 * What waits for `address`, read from the chain (a few queries, however many loans; a
 * private lender's loans are read whole, about 1 kB each).
 */
export async function noticesFor(address: string): Promise<Notices> {
  const identity = await identityOf(address);
  if (identity?.status !== 'Verified') return none;
  const me = hex(identity.idHash);
  const secret = encryptionSecret(address);
  const [proposals, mine, lending] = await Promise.all([
    openProposals(identity.idHash),
    loansOf(identity.idHash),
    secret ? privateLenderNotices(address, secret) : { due: 0, loanIds: [] },
  ]);
  const lent = mine.filter((l) => l.lenderId && hex(l.lenderId) === me);
  // A proposal waits for the party who did not propose.
  const toAnswer = proposals.filter(
    (p) => (p.proposer === 'Lender') !== (p.lenderId !== undefined && hex(p.lenderId) === me),
  ).length;
  const feedbackDue = lent.filter((l) => l.state === 'AwaitingFeedback').length;
  const offers = mine.filter(
    (l) => hex(l.borrowerId) === me && l.state === 'ExtensionProposed',
  ).length;
  const [sealedOffers, open, privateOpen] = await Promise.all([
    waitingOffers(
      mine
        .filter((l) => l.lenderKey && hex(l.borrowerId) === me && l.state !== 'Concluded')
        .map((l) => l.loanId),
    ),
    openRequestCounts(lent.map((l) => l.loanId)),
    openRequestCounts(lending.loanIds),
  ]);
  const sum = (counts: number[]) => counts.reduce((total, n) => total + n, 0);
  return {
    // A private lender answers requests under each loan on the Loans page.
    loans: toAnswer + feedbackDue + offers + sealedOffers + lending.due + sum(privateOpen),
    access: sum(open),
  };
}

const NOTIFY_KEY = 'loanchain.notify';
export const notificationsWanted = () => localStorage.getItem(NOTIFY_KEY) === 'yes';

/** Turns browser notifications on (asking the browser's permission) or off. */
export async function setNotifications(on: boolean): Promise<boolean> {
  if (on && 'Notification' in window && (await Notification.requestPermission()) !== 'granted')
    on = false;
  localStorage.setItem(NOTIFY_KEY, on ? 'yes' : 'no');
  return on;
}

/**
 * Calls `show` with the notices of `address()` now and after new blocks (at most every
 * `everyMs`, and never two counts at once); `grew` when a count is larger than before.
 * Returns a function that stops it.
 */
export function watchNotices(
  address: () => string | undefined,
  show: (notices: Notices, grew: boolean) => void,
  everyMs = 6_000,
): () => void {
  let last: Notices | undefined;
  let lastFor: string | undefined;
  let running = false;
  let lastRun = 0;
  let stopped = false;
  const count = async () => {
    const who = address();
    if (running || stopped || Date.now() - lastRun < everyMs) return;
    running = true;
    lastRun = Date.now();
    try {
      const notices = who ? await noticesFor(who) : none;
      const grew =
        !!last && lastFor === who && (notices.loans > last.loans || notices.access > last.access);
      last = notices;
      lastFor = who;
      show(notices, grew);
    } catch {
      // The connection status says what is wrong; the next block tries again.
    } finally {
      running = false;
    }
  };
  let unsubscribe: (() => void) | undefined;
  void connect().then(async (api) => {
    const stop = (await api.rpc.chain.subscribeNewHeads(
      () => void count(),
    )) as unknown as () => void;
    if (stopped) stop();
    else unsubscribe = stop;
  });
  return () => {
    stopped = true;
    unsubscribe?.();
  };
}
