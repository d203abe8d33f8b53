// Blocks as dates: when a loan matures, until when a proposal or a consent is valid, when a
// request was made — "5 Dec 2026, 14:03 (in 2 days)" rather than a block number.
//
// A past block's time is the one its author wrote into it (the `timestamp.set` inherent of
// its body, which every node keeps, pruned state or not); a future block's is estimated from
// the best block's time and the block time (`2 × timestamp.minimumPeriod`), and shown as
// such ("about").
import { connect } from './chain';
import { currentLanguage } from './i18n';

/** The best block, its time (ms since the epoch) and the target block time (ms). */
export interface Clock {
  block: number;
  at: number;
  blockMs: number;
}

export async function chainClock(): Promise<Clock> {
  const api = await connect();
  const [header, now] = await Promise.all([api.rpc.chain.getHeader(), api.query.timestamp.now()]);
  return {
    block: header.number.toNumber(),
    at: Number(now.toString()),
    blockMs: 2 * Number(api.consts.timestamp.minimumPeriod.toString()),
  };
}

/** The estimated time of `block` (past or future) by `clock`. */
export const estimatedTime = (block: number, clock: Clock) =>
  clock.at + (block - clock.block) * clock.blockMs;

const written = new Map<number, Promise<number>>();

/** The time written into past block `block` by its author. */
export function blockTime(block: number): Promise<number> {
  let time = written.get(block);
  if (!time) {
    time = (async () => {
      const api = await connect();
      const hash = await api.rpc.chain.getBlockHash(block);
      const { block: body } = await api.rpc.chain.getBlock(hash);
      const set = body.extrinsics.find(
        (ex) => ex.method.section === 'timestamp' && ex.method.method === 'set',
      );
      if (!set) throw new Error(`block ${block} has no timestamp`);
      return Number(set.method.args[0].toString());
    })();
    written.set(block, time);
    time.catch(() => written.delete(block));
  }
  return time;
}

/** The locale dates are written in: the browser's own when it speaks the app's language. */
function locale(language = currentLanguage()): string {
  const browser = globalThis.navigator?.language ?? language;
  return browser.toLowerCase().startsWith(language.slice(0, 2)) ? browser : language;
}

/** "in 2 days", "3 minutes ago": the distance from `now` to `time`, in the largest unit. */
export function fromNow(time: number, now: number, language = currentLanguage()): string {
  const seconds = Math.round((time - now) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  const format = new Intl.RelativeTimeFormat(locale(language), { numeric: 'auto' });
  for (const [unit, size] of units) {
    // Two of a unit before it is used: "in 36 hours", then "in 2 days".
    if (Math.abs(seconds) >= 2 * size || (unit === 'minute' && Math.abs(seconds) >= size))
      return format.format(Math.round(seconds / size), unit);
  }
  return format.format(seconds, 'second');
}

/** "5 Dec 2026, 14:03 (in 2 days)": a time and its distance from `now`. */
export function when(time: number, now: number, language = currentLanguage()): string {
  const date = new Intl.DateTimeFormat(locale(language), {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(time);
  return `${date} (${fromNow(time, now, language)})`;
}
