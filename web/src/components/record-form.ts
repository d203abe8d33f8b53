// The company's side of a loan recorded in one transaction (`loans.record`, SPEC §3), for a
// loan officer: the terms sealed for the company and its customer, a consent request shown
// as text and as a QR code for the customer to sign in their app (or `loanctl consent`),
// the signed consent pasted or scanned back, and `record` submitted — one loan, or every
// loan whose consent is in, as one `utility.batch_all` (all recorded, or none).
//
// Requests waiting for their consent are kept in this browser (per account) until recorded
// or forgotten: they hold no secret, only what the chain will see.
import { connect } from '../chain';
import { h } from '../dom';
import { hex, short } from '../format';
import { t } from '../i18n';
import { blocksPerDay } from '../records';
import { chainClock, estimatedTime, when } from '../dates';
import { detailsArgument } from '../terms';
import { send, txStatus } from '../tx';
import {
  parseConsentRequest,
  parseSignedConsent,
  type ConsentRequest,
  type SignedConsent,
} from '../consent-request';
import { alert, field, inputProblem, message, note, type User } from './common';
import { identityProblem } from './identity-fields';
import { partyFields } from './party-fields';
import { shareable } from './share';
import { termsFields } from './terms-fields';

/** A request waiting for its consent: to whom (the account that holds their id), what. */
interface Pending {
  customer: string;
  request: ConsentRequest;
}

const storageKey = (address: string) => `loanchain.consentRequests.${address}`;
const load = (address: string): Pending[] =>
  JSON.parse(localStorage.getItem(storageKey(address)) ?? '[]') as Pending[];
const store = (address: string, pending: Pending[]) =>
  localStorage.setItem(storageKey(address), JSON.stringify(pending));

/** The `record` call of a request and its signed consent. */
function recordCall(
  api: Awaited<ReturnType<typeof connect>>,
  { customer, request }: Pending,
  consent: SignedConsent,
) {
  return api.tx.loans.record(
    customer,
    request.submitter,
    request.periodDays,
    request.details,
    consent,
  );
}

export function recordForm(user: User, recorded: () => void): HTMLElement {
  const me = user.account.address;
  const parties = partyFields();
  const terms = termsFields();
  const made = h('div');
  const list = h('div', { 'data-testid': 'pending-records' });
  const batchStatus = txStatus();
  /** The consent box of each pending request, by its position in the list. */
  let consentBoxes: HTMLTextAreaElement[] = [];

  /** The signed consents given so far: [pending, consent] for each parsed one. */
  const consentsIn = (pending: Pending[]) =>
    pending.flatMap((item, i): [Pending, SignedConsent][] => {
      const text = consentBoxes[i]?.value.trim();
      return text ? [[item, parseSignedConsent(text, item.request)]] : [];
    });

  const forget = (done: Pending[]) => {
    const ids = new Set(done.map((item) => item.request.details.nonce));
    store(
      me,
      load(me).filter((item) => !ids.has(item.request.details.nonce)),
    );
  };

  async function draw() {
    const pending = load(me);
    const clock = await chainClock();
    consentBoxes = [];
    list.replaceChildren(
      ...pending.map((item, i) => {
        const box = h('textarea', { name: 'signedConsent', rows: '3', spellcheck: 'false' });
        consentBoxes[i] = box;
        const status = txStatus();
        const problem = h('div');
        const expired = item.request.deadline < clock.block;
        const record = async () => {
          problem.replaceChildren();
          let consent: SignedConsent;
          try {
            consent = parseSignedConsent(box.value, item.request);
          } catch (error) {
            problem.replaceChildren(alert(message(error)));
            return;
          }
          try {
            await send((api) => recordCall(api, item, consent), me, status);
            forget([item]);
            recorded();
            void draw();
          } catch {
            // The status line says why.
          }
        };
        const customerId =
          item.request.submitter === 'Lender' ? item.request.borrowerId : item.request.lenderId;
        return h(
          'article',
          { class: 'loan', 'data-testid': 'pending-record', 'data-customer': item.customer },
          h('h3', {}, t('pendingRecordTitle', { who: short(customerId) })),
          note(
            t(expired ? 'consentRequestExpired' : 'consentRequestValid', {
              date: when(estimatedTime(item.request.deadline, clock), clock.at),
            }),
          ),
          shareable(JSON.stringify(item.request), 'consent-request'),
          field(t('signedConsent'), box, t('signedConsentHint')),
          h('button', { class: 'primary', onclick: record }, t('recordLoan')),
          h(
            'button',
            {
              onclick: () => {
                forget([item]);
                void draw();
              },
            },
            t('forgetRequest'),
          ),
          problem,
          status,
        );
      }),
      pending.length > 1
        ? h(
            'p',
            {},
            h(
              'button',
              {
                'data-testid': 'record-batch',
                onclick: async () => {
                  let ready: [Pending, SignedConsent][];
                  try {
                    ready = consentsIn(pending);
                  } catch (error) {
                    batchStatus.replaceChildren(alert(message(error)));
                    return;
                  }
                  if (!ready.length) {
                    batchStatus.replaceChildren(alert(t('noConsentsYet')));
                    return;
                  }
                  try {
                    await send(
                      (api) =>
                        api.tx.utility.batchAll(
                          ready.map(([item, consent]) => recordCall(api, item, consent)),
                        ),
                      me,
                      batchStatus,
                    );
                    forget(ready.map(([item]) => item));
                    recorded();
                    void draw();
                  } catch {
                    // The status line says why.
                  }
                },
              },
              t('recordBatch'),
            ),
            batchStatus,
          )
        : '',
    );
  }

  async function create(event: Event) {
    event.preventDefault();
    made.replaceChildren();
    try {
      const valid = await terms.valid();
      const sealed = await parties.seal(user, valid);
      const api = await connect();
      const [clock, perDay] = await Promise.all([chainClock(), blocksPerDay()]);
      const request: ConsentRequest = {
        genesisHash: api.genesisHash.toHex(),
        lenderId: hex(sealed.lender.idHash),
        borrowerId: hex(sealed.borrower.idHash),
        submitter: sealed.role,
        periodDays: valid.period_days,
        details: detailsArgument(sealed.details),
        // One chain day to sign and hand back: within the chain's `MaxConsentDays`.
        deadline: clock.block + perDay,
      };
      // What is kept is what was shown: the request re-read in its own format.
      parseConsentRequest(JSON.stringify(request));
      store(me, [...load(me), { customer: sealed.account, request }]);
      made.replaceChildren(note(t('consentRequestMade', { who: short(sealed.account) })));
      await draw();
    } catch (error) {
      made.replaceChildren(alert(inputProblem(error) ?? identityProblem(error) ?? message(error)));
    }
  }

  void draw();
  return h(
    'div',
    { 'data-testid': 'record-form' },
    h(
      'form',
      { onsubmit: create },
      note(t('recordIntro')),
      note(t('namedLenderNote')),
      ...parties.nodes,
      terms.node,
      h('button', { type: 'submit' }, t('makeConsentRequest')),
      made,
    ),
    list,
  );
}
