/** A rate 0..1 as a percentage with one decimal, for reasons people read: 0.9234 → "92.3%". */
export function pct(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}
