// The web app's shell: the connection status, the language switch, and the page.
import './style.css';
import { connect, nodeUrl } from './chain';
import { h } from './dom';
import { currentLanguage, setLanguage, t } from './i18n';
import { lookupPage } from './pages/lookup';

const app = document.getElementById('app')!;
const status = h(
  'span',
  { class: 'status', 'data-testid': 'status' },
  t('connecting', { url: nodeUrl() }),
);

async function showConnection() {
  try {
    const api = await connect();
    status.textContent = t('connected', { chain: (await api.rpc.system.chain()).toString() });
  } catch {
    status.textContent = t('disconnected', { url: nodeUrl() });
  }
}

function render() {
  document.title = t('title');
  document.documentElement.lang = currentLanguage();
  const switchLanguage = h(
    'button',
    {
      class: 'language',
      onclick: () => {
        setLanguage(currentLanguage() === 'en' ? 'zh-CN' : 'en');
        render();
        void showConnection();
      },
    },
    t('language'),
  );
  app.replaceChildren(
    h('header', {}, h('strong', {}, t('title')), status, switchLanguage),
    lookupPage(),
  );
}

render();
void showConnection();
