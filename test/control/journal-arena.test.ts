/** The journal keeps bodies off the JS heap, in slabs it uses again: every entry still shows its own bytes. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BODY_CAP, Journal, showRecord, type JournalEntry, type JournalFilter, type JournalRecord } from '../../src/core/journal.js'

const entry = (n: number, requestBody: Buffer | undefined, responseBody: string | Buffer | undefined): JournalEntry => ({
  requestId: `req-${n}`,
  at: n,
  api: 'toco',
  method: 'POST',
  path: '/api/v1/x',
  url: '/api/v1/x',
  rawHeaders: [],
  status: 200,
  durationMs: n + 0.125,
  tenant: null,
  auth: null,
  requestBody,
  responseBody
})

/** A JSON body of about `size` characters that names its entry. */
const body = (n: number, size: number) => JSON.stringify({ n, pad: String(n % 10).repeat(size) })

const shown = (journal: Journal) => journal.find().records.map(showRecord)

afterEach(() => { vi.restoreAllMocks() })

describe('the journal body arena', () => {
  it('shows every entry its own bodies while older entries leave the ring and their slabs are written again', () => {
    const journal = new Journal(7)
    for (let n = 1; n <= 60; n++) {
      // 40 KB answers as strings (a slab holds few of them) and 20 KB requests as bytes, sizes varying
      journal.record(entry(n, Buffer.from(body(n, 20_000 + n)), body(n, 40_000 + 97 * n)))
      const records = shown(journal)
      expect(records).toHaveLength(Math.min(n, 7))
      records.forEach((record, i) => {
        const m = n - i
        expect(record.requestId).toBe(`req-${m}`)
        expect(record.durationMs).toBe(m + 0.125)
        expect(record.requestBody).toEqual(JSON.parse(body(m, 20_000 + m)))
        expect(record.responseBody).toEqual(JSON.parse(body(m, 40_000 + 97 * m)))
      })
    }
  })

  it('allocates slabs for the bodies the ring holds, not for every body it saw', () => {
    const journal = new Journal(5)
    const requests = Array.from({ length: 2_000 }, (_, i) => Buffer.from(body(i + 1, 30_000)))
    const allocate = vi.spyOn(Buffer, 'allocUnsafeSlow')
    requests.forEach((request, i) => journal.record(entry(i + 1, request, body(i + 1, 60_000))))
    // 5 entries of ~210 KB reserved each fit in 2 MiB; a slab goes back to use once its entries left
    expect(allocate.mock.calls.length).toBeLessThanOrEqual(3)
    expect(shown(journal)[0]!.responseBody).toEqual(JSON.parse(body(2_000, 60_000)))
  })

  it('keeps text as UTF-8 (accents, emoji), bytes as given, and nothing for a missing body', () => {
    const journal = new Journal(4)
    journal.record(entry(1, Buffer.from('{"name":"Kopi Susu — été 🍵"}'), '{"ok":"✓ 🍵"}'))
    journal.record(entry(2, undefined, undefined))
    journal.record(entry(3, Buffer.from('not json'), Buffer.from('{"bytes":"ü"}')))
    const [third, second, first] = shown(journal)
    expect(first).toMatchObject({ requestBody: { name: 'Kopi Susu — été 🍵' }, responseBody: { ok: '✓ 🍵' } })
    expect(second).toMatchObject({ requestBody: null, responseBody: null })
    expect(third).toMatchObject({ requestBody: 'not json', responseBody: { bytes: 'ü' } })
  })

  it('caps bodies at BODY_CAP characters and says so, for text, for bytes and for multi-byte bytes', () => {
    const journal = new Journal(4)
    const long = 'x'.repeat(BODY_CAP + 10)
    journal.record(entry(1, Buffer.from(long), long))
    journal.record(entry(2, undefined, Buffer.from(long)))
    // 40,000 'é' are 80,000 bytes but fewer characters than the cap: kept whole
    const accents = JSON.stringify('é'.repeat(40_000))
    journal.record(entry(3, undefined, Buffer.from(accents)))
    const [third, second, first] = shown(journal)
    expect(first).toMatchObject({ requestBody: 'x'.repeat(BODY_CAP), requestBodyTruncated: true, responseBody: 'x'.repeat(BODY_CAP), responseBodyTruncated: true })
    expect(second).toMatchObject({ responseBody: 'x'.repeat(BODY_CAP), responseBodyTruncated: true })
    expect(third!.responseBody).toBe('é'.repeat(40_000))
    expect(third).not.toHaveProperty('responseBodyTruncated')
  })

  it('reads back what it filters on from the arena: path, tenant (or none), api (or none), method, status, outcome, time', () => {
    const journal = new Journal(4)
    journal.record({ ...entry(1, undefined, '{}'), path: '/api/v1/é/x', tenant: 'ptnr_é', api: 'toco', method: 'POST', status: 401, auth: { outcome: 'refused', code: 'AUTH_004', reason: 'r' } })
    journal.record({ ...entry(2, undefined, '{}'), path: '/nowhere', tenant: null, api: null, method: 'GET', status: 404 })
    journal.record({ ...entry(3, undefined, '{}'), path: '/v1/x', tenant: 'MER_1', api: 'waffo', method: 'PUT', status: 200, auth: { outcome: 'ok', code: null, reason: 'r' } })
    const pick = ({ at, api, method, path, status, tenant, outcome, seq }: JournalRecord) => ({ at, api, method, path, status, tenant, outcome, seq })
    expect(journal.find().records.map(pick)).toEqual([
      { at: 3, api: 'waffo', method: 'PUT', path: '/v1/x', status: 200, tenant: 'MER_1', outcome: 'ok', seq: 3 },
      { at: 2, api: null, method: 'GET', path: '/nowhere', status: 404, tenant: null, outcome: undefined, seq: 2 },
      { at: 1, api: 'toco', method: 'POST', path: '/api/v1/é/x', status: 401, tenant: 'ptnr_é', outcome: 'refused', seq: 1 }
    ])
    const seqs = (filter: JournalFilter) => journal.find(filter).records.map((record) => record.seq)
    expect(seqs({ path: '/api/v1/é/*' })).toEqual([1])
    expect(seqs({ tenant: 'ptnr_é' })).toEqual([1])
    expect(seqs({ tenant: 'MER_1', api: 'waffo' })).toEqual([3])
    expect(seqs({ api: 'toco', method: 'post', status: 401, outcome: 'refused', since: 1 })).toEqual([1])
    expect(seqs({ api: 'toco', method: 'GET' })).toEqual([])
    expect(seqs({ since: 2 })).toEqual([3, 2])
    expect(seqs({ before: 3, limit: 1 })).toEqual([2])
  })

  it('clears entries and bodies; what is recorded next reads back', () => {
    const journal = new Journal(3)
    for (let n = 1; n <= 5; n++) journal.record(entry(n, undefined, body(n, 50_000)))
    expect(journal.clear()).toBe(3)
    expect(shown(journal)).toEqual([])
    journal.record(entry(6, Buffer.from(body(6, 10)), body(6, 10)))
    expect(shown(journal)).toMatchObject([{ requestId: 'req-6', requestBody: JSON.parse(body(6, 10)), responseBody: JSON.parse(body(6, 10)) }])
  })
})
