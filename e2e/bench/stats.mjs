// Percentiles of latency samples, in milliseconds.

/** The `p`-th percentile (0–100) of `sorted` (ascending), nearest-rank. */
export function percentile(sorted, p) {
  if (sorted.length === 0) throw new Error('no samples');
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** p50, p99, mean and max of `samples` (ms), rounded to µs. */
export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (x) => Math.round(x * 1000) / 1000;
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return {
    calls: sorted.length,
    p50_ms: round(percentile(sorted, 50)),
    p99_ms: round(percentile(sorted, 99)),
    mean_ms: round(mean),
    max_ms: round(sorted[sorted.length - 1]),
  };
}
