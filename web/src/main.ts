// The web app's shell: the pages (chosen by the address's #fragment), the connection status,
// the active account and the language switch.
import './style.css';
import { connect, nodeUrl, onConnectionChange, type ConnectionState } from './chain';
import { h } from './dom';
import { currentLanguage, setLanguage, t, type Key } from './i18n';
import { accessPage } from './pages/access';
import { accountPage } from './pages/account';
import { identityPage } from './pages/identity';
import { leavePage } from './components/lifecycle';
import { loansPage } from './pages/loans';
import { lookupPage } from './pages/lookup';
import { registrarPage } from './pages/registrar';
import { activeAccount, onWalletChange } from './wallet';
import { short } from './format';

const pages: Record<string, [Key, () => HTMLElement]> = {
  lookup: ['navLookup', lookupPage],
  account: ['navAccount', accountPage],
  identity: ['navIdentity', identityPage],
  loans: ['navLoans', loansPage],
  access: ['navAccess', accessPage],
  registrar: ['navRegistrar', registrarPage],
};

const app = document.getElementById('app')!;
const status = h(
  'span',
  { class: 'status', 'data-testid': 'status' },
  t('connecting', { url: nodeUrl() }),
);

/** The header tells how the connection stands, in words, as it changes. */
let chainName: string | undefined;
function showConnection(connection: ConnectionState) {
  status.dataset.state = connection;
  const url = nodeUrl();
  if (connection === 'connected') {
    status.textContent = chainName
      ? t('connected', { chain: chainName })
      : t('connecting', { url });
    void connect()
      .then((api) => api.rpc.system.chain())
      .then((chain) => {
        chainName = chain.toString();
        if (status.dataset.state === 'connected')
          status.textContent = t('connected', { chain: chainName });
      });
  } else if (connection === 'reconnecting') status.textContent = t('reconnecting', { url });
  else if (connection === 'unreachable') status.textContent = t('disconnected', { url });
  else status.textContent = t('connecting', { url });
}

const currentPage = () => {
  const name = location.hash.replace(/^#\/?/, '');
  return name in pages ? name : 'lookup';
};

function render() {
  leavePage();
  document.title = t('title');
  document.documentElement.lang = currentLanguage();
  const page = currentPage();
  const account = activeAccount();
  const switchLanguage = h(
    'button',
    {
      class: 'language',
      onclick: () => {
        setLanguage(currentLanguage() === 'en' ? 'zh-CN' : 'en');
        render();
        showConnection(status.dataset.state as ConnectionState);
      },
    },
    t('language'),
  );
  app.replaceChildren(
    h(
      'header',
      {},
      h('strong', {}, t('title')),
      h(
        'nav',
        {},
        ...Object.entries(pages).map(([name, [label]]) =>
          h(
            'a',
            {
              href: `#/${name}`,
              class: name === page ? 'current' : '',
              'data-page': name,
              // The current page's link shows it again, read afresh from the chain.
              onclick: () => name === currentPage() && render(),
            },
            t(label),
          ),
        ),
      ),
      account
        ? h(
            'span',
            { class: 'who', 'data-testid': 'active-account' },
            account.name || short(account.address),
          )
        : null,
      status,
      switchLanguage,
    ),
    pages[page][1](),
  );
}

window.addEventListener('hashchange', render);
onWalletChange(render);
render();
onConnectionChange(showConnection);
void connect();
