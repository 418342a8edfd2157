/**
 * `rate(fromCurrency, toCurrency)`: a fixed, illustrative table (units per US dollar), not market
 * data, so a suite gets the same answer every run. A quote holds until the end of the mock
 * clock's hour; its rateRefId names the pair and that hour.
 */
const TABLE = `USD 1 EUR 0.92 GBP 0.79 JPY 150 CNY 7.2 HKD 7.8 SGD 1.35 AUD 1.52 CAD 1.36 NZD 1.65
  CHF 0.88 SEK 10.5 NOK 10.6 DKK 6.87 PLN 4 CZK 23 HUF 360 RON 4.6 BGN 1.8 TRY 32
  INR 83 IDR 15700 MYR 4.7 PHP 56 THB 36 VND 24500 KRW 1350 TWD 32 BRL 5 MXN 17
  ARS 870 CLP 940 COP 3900 PEN 3.7 ZAR 18.5 AED 3.6725 SAR 3.75 ILS 3.7 EGP 47 NGN 1500
  KES 130 PKR 278 BDT 110 UAH 39 QAR 3.64`
const PER_USD = new Map(TABLE.trim().split(/\s+/).reduce<Array<[string, number]>>((pairs, token, i, all) => i % 2 === 0 ? [...pairs, [token, Number(all[i + 1])]] : pairs, []))

export const CURRENCY_CODES = [...PER_USD.keys()]

const HOUR = 3_600_000

export function exchangeRate (fromCurrency: string, toCurrency: string, now: number) {
  const hour = Math.floor(now / HOUR) * HOUR
  const stamp = new Date(hour).toISOString().slice(0, 13).replace(/[-T]/g, '')
  return {
    fromCurrency,
    toCurrency,
    standardRate: (PER_USD.get(toCurrency)! / PER_USD.get(fromCurrency)!).toFixed(6),
    rateRefId: `RATE_${fromCurrency}${toCurrency}_${stamp}`,
    expiryTime: new Date(hour + HOUR).toISOString()
  }
}
