import { formatNumber } from '../i18n/messages';

/**
 * The readout's number, one decimal: pressure above rest once rest is known (absolute before).
 * Within the resting band it is 0, so a relaxed muscle reads 0 rather than flickering noise, and
 * nothing ever reads "-0.0". One decimal, with the active language's decimal sign.
 */
export function readoutValue(pressure: number, restCmH2O: number | null, restBandCmH2O: number): string {
  const above = restCmH2O === null ? pressure : pressure - restCmH2O;
  // formatNumber never writes "-0.0" (and uses the language's decimal comma or point).
  return formatNumber(restCmH2O !== null && Math.abs(above) <= restBandCmH2O ? 0 : above, 1);
}
