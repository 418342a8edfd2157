import neostandard from 'neostandard'

export default [
  ...neostandard({ ts: true, ignores: ['dist/**', 'coverage/**', 'test-artifacts/**'] }),
  // TypeBox's idiom names a schema and its Static type alike; TypeScript already rejects real clashes.
  { rules: { '@typescript-eslint/no-redeclare': 'off' } }
]
