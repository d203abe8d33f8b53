// A borrower's inquiry log, in words: who looked them up with their consent (`inquire`),
// who asked for the details of each of their loans, and the answer. Shown on the Access page
// and in the credit report.
import { blockTime, chainClock, when } from '../dates';
import { h } from '../dom';
import { formatLoan, hex } from '../format';
import { t } from '../i18n';
import { accessLog, inquiriesOf, loanIdsOf, ownerOf, type AccessEntry } from '../records';
import { purposeLabel } from './inquiry-consent';

const statusWord = (entry: AccessEntry) => t(`request${entry.status}`);

/** A request in words, with the time written into the block it was made in. */
export async function entryLine(entry: AccessEntry): Promise<string> {
  const [time, clock] = await Promise.all([blockTime(entry.requestedAt), chainClock()]);
  return t('requestLine', {
    viewer: entry.viewer,
    date: when(time, clock.at),
    held: formatLoan(entry.held),
    status: statusWord(entry),
  });
}

/** The borrower's inquiry log: who looked them up with their consent, who asked about
 * each of their loans, and the answer. */
export async function inquiryLog(idHash: Uint8Array): Promise<Node[]> {
  const rows: Node[] = [];
  const clock = await chainClock();
  for (const entry of await inquiriesOf(idHash)) {
    const [time, holder] = await Promise.all([blockTime(entry.at), ownerOf(entry.inquirerId)]);
    rows.push(
      h(
        'li',
        { 'data-testid': 'inquiry', 'data-index': String(entry.index) },
        t('inquiryLine', {
          date: when(time, clock.at),
          inquirer: hex(entry.inquirerId),
          holder: holder ?? t('nobody'),
          purpose: purposeLabel(entry.purpose),
        }),
      ),
    );
  }
  for (const loanId of await loanIdsOf(idHash, 'borrower')) {
    for (const entry of await accessLog(loanId)) {
      rows.push(
        h(
          'li',
          { 'data-loan-id': String(loanId) },
          `${t('loanNumber', { id: loanId })}: ${await entryLine(entry)}`,
        ),
      );
    }
  }
  return rows.length ? [h('ul', { 'data-testid': 'inquiry-log' }, ...rows)] : [];
}
