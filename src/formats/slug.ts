/** Lower-case ASCII letters, digits and single dashes: `Pet Store (v2)` → `pet-store-v2`. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A file's base name without its extension: `contracts/My API.v2.yaml` → `My API.v2`. */
export function baseName(file: string): string {
  const name = file.slice(file.lastIndexOf('/') + 1);
  return name.replace(/\.(json|ya?ml|raml)$/i, '');
}

/**
 * The service name every loader gives a service: the slug of its title, else of its file's base
 * name, else `fallback`. Names are URL prefixes on the shared mock port, so they must be slugs.
 */
export function serviceSlug(title: string | undefined, file: string, fallback: string): string {
  return slugify(title ?? '') || slugify(baseName(file)) || fallback;
}
