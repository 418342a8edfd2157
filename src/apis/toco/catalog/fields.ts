import Type from 'typebox'

/** Field schemas shared by fixtures, request rows and wire objects, so one limit holds everywhere. */
export const Money = Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 })
export const Stock = Type.Integer({ minimum: 0, maximum: 1_000_000_000 })
export const SpecialPrice = Type.Union([Money, Type.Null()])
const Count = Type.Integer({ minimum: 0, maximum: 1_000_000_000 })
const Ref = Type.String({ minLength: 1, maxLength: 64 })
const Url = Type.String({ minLength: 1, maxLength: 2048 })

/** `{clientId, stock}`: one warehouse's stock of a product or variant. */
export const WarehouseStock = Type.Object({ clientId: Type.String({ minLength: 1, maxLength: 64 }), stock: Stock })

const Label = Type.String({ minLength: 1, maxLength: 50 })

/**
 * An option group of a product with variants (PRD2 names "option groups" but hides its fields;
 * the names are ours): `{name: "Warna", options: ["Hitam", "Putih"]}`.
 */
export const OptionGroup = Type.Object({
  name: Label,
  options: Type.Array(Label, { minItems: 1, maxItems: 50 })
})
export type OptionGroup = Type.Static<typeof OptionGroup>
export const OptionGroups = Type.Array(OptionGroup, { maxItems: 3 })

/** A variant's value in one option group: `{name: "Warna", value: "Hitam"}`. */
export const VariantOption = Type.Object({ name: Label, value: Label })
export type VariantOption = Type.Static<typeof VariantOption>
export const VariantOptions = Type.Array(VariantOption, { maxItems: 3 })

/**
 * The §4.1 product fields nothing filters or sorts on, stored together as one JSON object and
 * always written in this key order (so an export loads back byte-identically).
 */
export const ProductDetails = Type.Object({
  description: Type.Optional(Type.String({ maxLength: 10_000 })),
  weight: Type.Optional(Count),
  dimensions: Type.Optional(Type.Object({ length: Count, width: Count, height: Count })),
  minOrder: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  categoryId: Type.Optional(Ref),
  subCategoryId: Type.Optional(Ref),
  typeId: Type.Optional(Ref),
  brandId: Type.Optional(Ref),
  hashtags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 })),
  condition: Type.Optional(Type.Enum(['NEW', 'USED'])),
  photos: Type.Optional(Type.Array(Url, { maxItems: 50 })),
  officialBanners: Type.Optional(Type.Array(Url, { maxItems: 50 })),
  isPreorder: Type.Optional(Type.Boolean()),
  preorderPeriod: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
  insuranceRequired: Type.Optional(Type.Boolean()),
  codEnabled: Type.Optional(Type.Boolean())
})
export type ProductDetails = Type.Static<typeof ProductDetails>

const DETAIL_KEYS = Object.keys(ProductDetails.properties) as Array<keyof ProductDetails>

/** The detail fields present in `source`, in the canonical key order. */
export function pickDetails (source: Partial<Record<keyof ProductDetails, unknown>>): ProductDetails {
  const details: Record<string, unknown> = {}
  for (const key of DETAIL_KEYS) if (source[key] !== undefined) details[key] = source[key]
  return details as ProductDetails
}

/** What a product shows for a detail it was never given. */
export const DETAIL_DEFAULTS = {
  description: null,
  weight: null,
  dimensions: null,
  minOrder: 1,
  categoryId: null,
  subCategoryId: null,
  typeId: null,
  brandId: null,
  hashtags: [] as string[],
  condition: 'NEW',
  photos: [] as string[],
  officialBanners: [] as string[],
  isPreorder: false,
  preorderPeriod: 0,
  insuranceRequired: false,
  codEnabled: false
}
