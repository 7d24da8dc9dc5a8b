// Restores the line breaks of a flattened paste of this shape (a paste whose newlines were lost in
// a chat client, a mail client or a ticket system). Owned by the kind's parser work; called by the
// normaliser. Returns null when the text is not this shape.
export function restoreLines(_flat: string): string | null {
  return null;
}
