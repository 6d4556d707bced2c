/*
 * Validation messages in words, one rule for every endpoint: the validation pipe (validation.ts)
 * passes each class-validator message through here, so that no caseworker reads a property name.
 */

/** Property names whose words are not just the name split up. */
const LABELS: Readonly<Record<string, string>> = {
  from: 'The start date',
  to: 'The end date',
  sentOn: 'The date it was sent',
  issuedOn: 'The date the decision was issued',
  expectedVersion: 'The case version',
  id: 'The id',
};

/** A property in words: `letterSent` → "Letter sent", unless the label map has better. */
export function fieldInWords(property: string): string {
  const known = LABELS[property];
  if (known) return known;
  const words = property
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A class-validator message in words: "from must be a valid ISO 8601 date string" reads "The start
 * date must be a valid ISO 8601 date string"; an item of a list says which ("(item 2)").
 */
export function messageInWords(
  property: string,
  message: string,
  item?: number,
): string {
  const unknown = /^property (\S+) should not exist$/.exec(message);
  const words = unknown
    ? `This request does not take "${unknown[1]}": leave it out`
    : message.startsWith(`${property} `)
      ? `${fieldInWords(property)}${message.slice(property.length)}`
      : message;
  return item === undefined ? words : `${words} (item ${item + 1})`;
}
