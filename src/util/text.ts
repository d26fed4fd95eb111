/** Escapes every character that is special in a regular expression. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `decodeURIComponent`, keeping the raw text when it is not valid percent-encoding. */
export function safeDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    // keep the raw text: a name with a stray % is still a name
    return text;
  }
}
