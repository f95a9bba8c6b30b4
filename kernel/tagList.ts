/**
 * Tag=value lists, the syntax of DKIM key records (RFC 6376 §3.2) and DMARC records (RFC 7489
 * §6.4): `v=DMARC1; p=reject; rua=mailto:a@b`. One parser for the stack's checks, the policy
 * pack, diff and verify; each judges the tags it reads.
 */

export interface TagList {
  /** Tag names (lower case) in published order, a repeated tag each time it appears. */
  order: string[];
  /** Tag name (lower case) -> trimmed value; a repeated tag keeps its last value. */
  tags: Record<string, string>;
  /** Pieces that are not `tag=value` and repeated tags, as messages; empty when the list is clean. */
  problems: string[];
}

export function parseTagList(text: string): TagList {
  const order: string[] = [];
  const tags: Record<string, string> = {};
  const problems: string[] = [];
  for (const part of text.split(";")) {
    const piece = part.trim();
    if (piece === "") continue;
    const eq = piece.indexOf("=");
    const name = eq > 0 ? piece.slice(0, eq).trim().toLowerCase() : "";
    if (name === "") {
      problems.push(`"${piece}" is not a tag=value pair`);
      continue;
    }
    if (Object.hasOwn(tags, name)) problems.push(`the tag "${name}" appears twice`);
    order.push(name);
    tags[name] = piece.slice(eq + 1).trim();
  }
  return { order, tags, problems };
}
