import { randomBytes, randomUUID } from 'node:crypto'

/** `[A-Za-z0-9_-]`, the alphabet of every store id and token the docs show. */
const randomChars = (length: number) => randomBytes(Math.ceil(length * 3 / 4) + 1).toString('base64url').slice(0, length)

/** The docs' formats: `str_TGIxyboe7-Rz` (str_ + 12), `stkn_1G_R3r_5QTvwr_0O` (stkn_ + 16). */
export const newStoreClientId = () => `str_${randomChars(12)}`
export const newStoreToken = () => `stkn_${randomChars(16)}`
/** Product ids, onboard sessions and batch ids are UUIDs, as every id of theirs in the docs is. */
export const newId = () => randomUUID()
