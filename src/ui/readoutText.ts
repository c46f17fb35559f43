/**
 * The readout's number, one decimal: pressure above rest once rest is known (absolute before).
 * Within the resting band it is 0, so a relaxed muscle reads 0 rather than flickering noise, and
 * nothing ever reads "-0.0".
 */
export function readoutValue(pressure: number, restCmH2O: number | null, restBandCmH2O: number): string {
  const above = restCmH2O === null ? pressure : pressure - restCmH2O;
  if (restCmH2O !== null && Math.abs(above) <= restBandCmH2O) return '0.0';
  const text = above.toFixed(1);
  return text === '-0.0' ? '0.0' : text;
}
