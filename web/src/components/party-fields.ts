// Who a loan is with: the user's role and the other party, found by the id they gave or by
// their account address; and the terms sealed for the two of them. Shared by a proposal and
// a company's consent request.
import { sealTerms, type SealedDetails } from '../crypto/sealing';
import { h } from '../dom';
import { t } from '../i18n';
import { identityOf, ownerOf, type IdentityRecord } from '../records';
import { termsBytes, type LoanTerms } from '../terms';
import { field, input, select, type User } from './common';
import { idField } from './identity-fields';

/** The other party is not a verified identity. */
export class UnknownPartyError extends Error {
  constructor() {
    super(t('counterpartyUnknown'));
  }
}

export function partyFields() {
  const role = select('role', [
    ['Lender', 'iAmLender'],
    ['Borrower', 'iAmBorrower'],
  ]);
  const by = select('counterpartyBy', [
    ['id', 'byId'],
    ['address', 'byAddress'],
  ]);
  const counterpartyId = idField();
  const address = input('counterpartyAddress', { required: true });
  // The way not chosen is hidden and disabled: its required fields do not block the form.
  const idBox = h('fieldset', { class: 'plain' }, counterpartyId.node);
  const addressBox = h('fieldset', { class: 'plain' }, field(t('address'), address));
  const showChosen = () => {
    idBox.hidden = idBox.disabled = by.value !== 'id';
    addressBox.hidden = addressBox.disabled = by.value !== 'address';
  };
  by.addEventListener('change', showChosen);
  showChosen();

  /** The other party's account and verified identity (who holds the id now). */
  async function counterparty(): Promise<{ account: string; identity: IdentityRecord }> {
    const account =
      by.value === 'address' ? address.value.trim() : await ownerOf(counterpartyId.idHash());
    const identity = account ? await identityOf(account) : undefined;
    if (!account || identity?.status !== 'Verified') throw new UnknownPartyError();
    return { account, identity };
  }

  return {
    nodes: [field(t('myRole'), role), field(t('counterparty'), by), idBox, addressBox],
    counterparty,
    /**
     * `terms` sealed for the user and the other party (to each one's encryption key on
     * chain): the user's role, the other party, and the sealed details.
     */
    async seal(user: User, terms: LoanTerms) {
      const other = await counterparty();
      const me = user.identity!;
      const lending = role.value === 'Lender';
      const [lender, borrower] = lending ? [me, other.identity] : [other.identity, me];
      const { details } = sealTerms(
        termsBytes(terms),
        borrower.idHash,
        lender.encryptionKey,
        borrower.encryptionKey,
      );
      return {
        role: role.value as 'Lender' | 'Borrower',
        account: other.account,
        lender,
        borrower,
        details: details as SealedDetails,
      };
    },
  };
}
