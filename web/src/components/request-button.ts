// Asking for access to a loan's details from the active account, and the loans this browser
// asked about (the access page lists them; the look-up page offers the button).
import { h } from '../dom';
import { formatLoan } from '../format';
import { t } from '../i18n';
import { send, txStatus } from '../tx';
import { activeAddress, canSign } from '../wallet';
import { note } from './common';
import { confirmAct } from './confirm';

/** The loans this browser asked about, per account: the chain has no index by viewer. */
const requestsKey = (address: string) => `loanchain.requests.${address}`;
export const requestedLoans = (address: string): number[] =>
  JSON.parse(localStorage.getItem(requestsKey(address)) ?? '[]') as number[];
function rememberRequest(address: string, loanId: number) {
  const known = requestedLoans(address).filter((id) => id !== loanId);
  localStorage.setItem(requestsKey(address), JSON.stringify([loanId, ...known]));
}

/**
 * A button that asks for access to `loanId` from the active account, with its progress
 * beside it. `maxPrice` is the price the user was shown (0 for a loan that is not sold): the
 * chain holds at most that, and refuses the request if the lender has raised the price
 * since (`PriceAboveLimit`).
 */
export function requestAccessButton(loanId: number, label: string, maxPrice: bigint): HTMLElement {
  const status = txStatus();
  const address = activeAddress();
  if (!address || !canSign(address)) return note(t('needAccountToRequest'));
  return h(
    'span',
    {},
    h(
      'button',
      {
        'data-testid': 'request-access',
        onclick: async () => {
          const price = formatLoan(maxPrice);
          const confirmed = await (maxPrice > 0n
            ? confirmAct(
                t('confirmPayTitle', { price, id: loanId }),
                [t('confirmPay', { price })],
                label,
              )
            : confirmAct(t('confirmRequestTitle', { id: loanId }), [t('confirmRequest')], label));
          if (!confirmed) return;
          try {
            await send((api) => api.tx.loans.requestAccess(loanId, maxPrice), address, status);
            rememberRequest(address, loanId);
          } catch {
            // The status line says why.
          }
        },
      },
      label,
    ),
    status,
  );
}
