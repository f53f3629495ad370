// Which fields of a form its schema requires, so the form marks them (components/ui/schema-form.tsx) from the
// same schema the action parses with, and no form can mark one and require another. Client-safe.
import { z } from "zod";

/** The object a schema parses a form with, through refinements, transforms, pipes and lazies; for a union of
 * intents (ADR 008), the option posting `intent`. */
function objectOf(schema: z.ZodTypeAny, intent: string | undefined): z.ZodObject<z.ZodRawShape> | null {
  if (schema instanceof z.ZodObject) return schema;
  if (schema instanceof z.ZodEffects) return objectOf(schema.innerType(), intent);
  if (schema instanceof z.ZodPipeline) return objectOf(schema._def.in, intent);
  if (schema instanceof z.ZodLazy) return objectOf(schema.schema, intent);
  if (schema instanceof z.ZodBranded) return objectOf(schema.unwrap(), intent);
  if (schema instanceof z.ZodDiscriminatedUnion) {
    if (intent === undefined) throw new Error("A form of a union of intents names its intent");
    const option = (schema.options as z.ZodTypeAny[]).find((o) => {
      const shape = objectOf(o, undefined)?.shape;
      const tag = shape?.[schema.discriminator];
      return tag instanceof z.ZodLiteral && tag.value === intent;
    });
    if (!option) throw new Error(`No option posts intent "${intent}"`);
    return objectOf(option, undefined);
  }
  return null;
}

/**
 * The names a form must fill in: the keys of the schema's object whose field refuses a missing value (Conform posts
 * an empty input as missing). Optional, defaulted and coerced-to-boolean fields are not; the intent itself is not a
 * field a person fills in.
 */
export function requiredFields(schema: z.ZodTypeAny, intent?: string): string[] {
  const object = objectOf(schema, intent);
  if (!object) return [];
  return Object.entries(object.shape)
    .filter(([name, field]) => name !== "intent" && !(field as z.ZodTypeAny).safeParse(undefined).success)
    .map(([name]) => name);
}

/**
 * For a page whose forms are marked from its loader (the field pages, which do not download zod): each intent's
 * required names, from the same schema the action parses with.
 */
export function requiredByIntent<Intent extends string>(
  schema: z.ZodTypeAny,
  intents: readonly Intent[],
): Record<Intent, string[]> {
  return Object.fromEntries(intents.map((intent) => [intent, requiredFields(schema, intent)])) as Record<
    Intent,
    string[]
  >;
}
