/** `My Service.v2.json` → `my-service-v2`: a URL-safe service name from a file's base name. */
export function slugFromFile(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1).replace(/\.(json|ya?ml)$/i, '');
  return slugify(base) || 'simulation';
}

/** Lower-case ASCII letters, digits and single dashes. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
