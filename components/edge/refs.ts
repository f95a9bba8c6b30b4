/** Rule refs: stable, readable ids derived from what a rule is about (never from its position). */

/** "/old-pricing/2024" -> "old-pricing-2024"; at most 48 characters. */
export function refSlug(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return (slug === "" ? "root" : slug).slice(0, 48).replace(/-+$/, "");
}

/** "passwordReset" -> "password-reset". */
export function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
