// The borrower's credit report, to hand over: what anyone can read about their id on the
// chain — each loan's time and "borrowed", and how its details can be had — with a timeline,
// and their inquiry log. Printed, or saved as a PDF, by the browser's own print dialog
// (style.css has the print layout): no PDF library in the bundle. Everything in it can be
// checked against any node by the id, the chain and the block it names.
import { borrowerSummary, connect, type SummaryLine } from '../chain';
import { h } from '../dom';
import { formatLoan, hex } from '../format';
import { currentLanguage, t } from '../i18n';
import { copyButton } from '../components/share';
import { currentUser, loading, note, section } from '../components/common';
import { inquiryLog } from '../components/inquiry-log';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag: string, attributes: Record<string, string | number>, text?: string) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** How the details of a loan can be had, in words (the report has no buttons). */
function howToHave(line: SummaryLine): string {
  if (line.disclosure === 'paid')
    return t('reportPaid', { price: formatLoan(BigInt(line.price ?? '0')), id: line.loanId });
  if (line.disclosure === 'public') return t('reportPublic', { id: line.loanId });
  return t('reportEncrypted', { id: line.loanId });
}

/**
 * The loans on a line of time: a mark per loan at the time it took effect, coloured by how
 * its details can be had, the years marked below; from the first loan to `now`.
 */
export function timeline(lines: SummaryLine[], now: number): SVGSVGElement {
  const width = 640;
  const height = 90;
  const left = 20;
  const right = width - 20;
  const times = lines.map((line) => Date.parse(line.time));
  const first = Math.min(now, ...times);
  // At least a month across, so that one loan is not at both ends.
  const from = Math.min(first, now - 30 * 86_400_000);
  const x = (time: number) => left + ((time - from) / (now - from)) * (right - left);
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': t('reportTimeline'),
    'data-testid': 'timeline',
    class: 'timeline',
  }) as SVGSVGElement;
  chart.append(svg('line', { x1: left, x2: right, y1: 40, y2: 40, class: 'axis' }));
  const years = new Date(from).getFullYear();
  for (let year = years + 1; year <= new Date(now).getFullYear(); year++) {
    const at = x(new Date(year, 0, 1).getTime());
    chart.append(svg('line', { x1: at, x2: at, y1: 34, y2: 46, class: 'tick' }));
    chart.append(svg('text', { x: at, y: 64, 'text-anchor': 'middle' }, String(year)));
  }
  const day = new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'medium' });
  chart.append(svg('text', { x: left, y: 84 }, day.format(from)));
  chart.append(svg('text', { x: right, y: 84, 'text-anchor': 'end' }, day.format(now)));
  lines.forEach((line, i) => {
    const mark = svg('circle', {
      cx: x(times[i]),
      cy: 40,
      r: 6,
      class: `loan ${line.disclosure}`,
      'data-loan-id': line.loanId,
    });
    mark.append(svg('title', {}, `#${line.loanId} ${day.format(times[i])}: ${t('borrowed')}`));
    chart.append(mark);
  });
  return chart;
}

/** What the timeline's colours mean. */
const legend = () =>
  h(
    'p',
    { class: 'legend' },
    ...(['encrypted', 'paid', 'public'] as const).flatMap((level) => [
      h('span', { class: `dot ${level}` }),
      t(level === 'paid' ? 'forSale' : level),
    ]),
  );

function loansTable(lines: SummaryLine[]): HTMLElement {
  const time = new Intl.DateTimeFormat(currentLanguage(), {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return h(
    'table',
    { 'data-testid': 'report-loans' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {}, t('colLoan')),
        h('th', {}, t('time')),
        h('th', {}, t('event')),
        h('th', {}, t('reportHow')),
      ),
    ),
    h(
      'tbody',
      {},
      ...lines.map((line) =>
        h(
          'tr',
          { 'data-loan-id': String(line.loanId) },
          h('td', {}, `#${line.loanId}`),
          h('td', {}, time.format(Date.parse(line.time))),
          h('td', {}, t('borrowed')),
          h('td', {}, howToHave(line)),
        ),
      ),
    ),
  );
}

async function report(idHash: Uint8Array, kind: string): Promise<Node[]> {
  const api = await connect();
  const [lines, header, chain] = await Promise.all([
    borrowerSummary(idHash),
    api.rpc.chain.getHeader(),
    api.rpc.system.chain(),
  ]);
  const now = Number((await api.query.timestamp.now()).toString());
  const id = hex(idHash);
  const stamp = new Intl.DateTimeFormat(currentLanguage(), {
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(now);
  return [
    h(
      'dl',
      { class: 'report-facts' },
      h('dt', {}, t('reportId')),
      h('dd', {}, h('code', { 'data-testid': 'report-id' }, id), ' ', copyButton(id)),
      h('dt', {}, t('kind')),
      h('dd', {}, t(kind === 'Enterprise' ? 'kindEnterprise' : 'kindPerson')),
      h('dt', {}, t('reportChain')),
      h('dd', {}, `${chain.toString()} · `, h('code', {}, api.genesisHash.toHex())),
      h('dt', {}, t('reportAsOf')),
      h(
        'dd',
        { 'data-testid': 'report-as-of' },
        t('reportBlock', { date: stamp, block: header.number.toNumber() }),
        ' ',
        h('code', {}, header.hash.toHex()),
      ),
    ),
    section(
      t('reportLoansTitle', { count: lines.length }),
      lines.length ? timeline(lines, now) : null,
      lines.length ? legend() : null,
      lines.length ? loansTable(lines) : note(t('noLoans')),
    ),
    section(
      t('inquiryTitle'),
      note(t('reportInquiriesIntro')),
      loading(() => inquiryLog(idHash), 'noInquiries'),
    ),
    note(t('reportCheck')),
  ];
}

export function reportPage(): HTMLElement {
  const page = h('main', { class: 'report', 'data-testid': 'report' });
  page.append(
    h('h1', {}, t('reportTitle')),
    h(
      'div',
      { class: 'no-print' },
      note(t('reportIntro')),
      h('button', { class: 'primary', onclick: () => window.print() }, t('printReport')),
    ),
    loading(async () => {
      const user = await currentUser();
      if (!user) return [note(t('needAccount'))];
      if (user.identity?.status !== 'Verified') return [note(t('needVerified'))];
      return report(user.identity.idHash, user.identity.kind);
    }, 'needAccount'),
  );
  return page;
}
