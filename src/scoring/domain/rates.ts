/**
 * Window maths: raw positive rate and the Wilson score lower bound. Plain functions, no I/O.
 */

/** positives / n, or null for an empty window. */
export function rawRate(positives: number, n: number): number | null {
  return n === 0 ? null : positives / n;
}

/** Acklam's coefficients, made once: a run computes a bound for every supplier and window. */
const A_COEF = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239,
];
const B_COEF = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C_COEF = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D_COEF = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const LOW = 0.02425;

/** Inverse of the standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be in (0, 1), got ${p}`);
  let x: number;
  if (p < LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((C_COEF[0] * q + C_COEF[1]) * q + C_COEF[2]) * q + C_COEF[3]) * q + C_COEF[4]) * q + C_COEF[5]) /
      ((((D_COEF[0] * q + D_COEF[1]) * q + D_COEF[2]) * q + D_COEF[3]) * q + 1);
  } else if (p <= 1 - LOW) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((A_COEF[0] * r + A_COEF[1]) * r + A_COEF[2]) * r + A_COEF[3]) * r + A_COEF[4]) * r + A_COEF[5]) * q) /
      (((((B_COEF[0] * r + B_COEF[1]) * r + B_COEF[2]) * r + B_COEF[3]) * r + B_COEF[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x =
      -(((((C_COEF[0] * q + C_COEF[1]) * q + C_COEF[2]) * q + C_COEF[3]) * q + C_COEF[4]) * q + C_COEF[5]) /
      ((((D_COEF[0] * q + D_COEF[1]) * q + D_COEF[2]) * q + D_COEF[3]) * q + 1);
  }
  return x;
}

/** z for a two-sided confidence level: 0.95 → 1.959964. */
export function zForConfidence(confidence: number): number {
  return normalQuantile(1 - (1 - confidence) / 2);
}

/** Lower bound of the Wilson score interval for positives out of n, or null for an empty window. */
export function wilsonLowerBound(positives: number, n: number, confidence: number): number | null {
  if (n === 0) return null;
  const z = zForConfidence(confidence);
  const p = positives / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const margin = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return Math.max(0, (centre - margin) / (1 + z2 / n));
}
