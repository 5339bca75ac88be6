/**
 * Who an asked address is, as a person. Addresses arrive canonical (NFKC, trimmed, case-folded:
 * see canonicalEmail), so `Lena.Fischer@…` and its full-width look-alike are already one. Within
 * the organization's own domains — the domains of its users' addresses — a `+tag` is removed too,
 * so `lena.fischer+sock1@company` is Lena; outside them the address is kept as given, since not
 * every provider treats `+` as a sub-address.
 */
export function untagged(address: string): string {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const plus = local.indexOf('+');
  return plus < 0 ? address : `${local.slice(0, plus)}${address.slice(at)}`;
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

export const userKey = (userId: string): string => `user:${userId}`;
export const addressKey = (address: string): string => `email:${address}`;
