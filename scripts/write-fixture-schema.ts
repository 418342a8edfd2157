/** Writes fixtures/schema.json from the TypeBox schema the loader validates with. */
import { writeFileSync } from 'node:fs'
import { fixtureJsonSchema } from '../src/apis/index.js'

writeFileSync(new URL('../fixtures/schema.json', import.meta.url), fixtureJsonSchema())
