// The web app's shell: the pages (chosen by the address's #fragment), the connection status,
// the active account and the language switch.
import './style.css';
import { connect, nodeUrl, onConnectionChange, type ConnectionState } from './chain';
import { h } from './dom';
import { currentLanguage, setLanguage, t, type Key } from './i18n';
import { accessPage } from './pages/access';
import { accountPage } from './pages/account';
import { identityPage } from './pages/identity';
import { firstRunGuide } from './components/guide';
import { leavePage } from './components/lifecycle';
import { loansPage } from './pages/loans';
import { lookupPage } from './pages/lookup';
import { registrarPage } from './pages/registrar';
import { reportPage } from './pages/report';
import { notificationsWanted, watchNotices, type Notices } from './notices';
import { activeAccount, activeAddress, onWalletChange } from './wallet';
import { short } from './format';

const pages: Record<string, [Key, () => HTMLElement]> = {
  lookup: ['navLookup', lookupPage],
  account: ['navAccount', accountPage],
  identity: ['navIdentity', identityPage],
  loans: ['navLoans', loansPage],
  access: ['navAccess', accessPage],
  report: ['navReport', reportPage],
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

/** What waits for the active account (./notices), as of the last block counted. */
let notices: Notices = { loans: 0, access: 0 };

/** The badge on a page's tab: how many things wait there, if any. */
function badge(page: string): HTMLElement | null {
  const count = page === 'loans' ? notices.loans : page === 'access' ? notices.access : 0;
  return count
    ? h(
        'span',
        { class: 'badge', 'data-testid': `badge-${page}`, title: t('badgeTitle', { count }) },
        String(count),
      )
    : null;
}

/** The browser tab's title, with the count of what waits, as mail apps do. */
function showTitle() {
  const total = notices.loans + notices.access;
  document.title = total ? `(${total}) ${t('title')}` : t('title');
}

function showNotices(next: Notices, grew: boolean) {
  notices = next;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a[data-page]')) {
    link.querySelector('.badge')?.remove();
    const shown = badge(link.dataset.page!);
    if (shown) link.append(shown);
  }
  showTitle();
  const total = next.loans + next.access;
  if (
    grew &&
    notificationsWanted() &&
    'Notification' in window &&
    Notification.permission === 'granted'
  )
    new Notification(t('title'), { body: t('noticeText', { count: total }), tag: 'loanchain' });
}

function render() {
  leavePage();
  showTitle();
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
            badge(name),
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
    firstRunGuide(render) ?? '',
    pages[page][1](),
  );
}

window.addEventListener('hashchange', render);
onWalletChange(() => {
  notices = { loans: 0, access: 0 };
  render();
});
watchNotices(activeAddress, showNotices);
render();
onConnectionChange(showConnection);
void connect();
