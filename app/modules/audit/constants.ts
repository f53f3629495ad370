// Client-safe audit constants.
export const AUDIT_PAGE_SIZE = 50;

/**
 * The audit log is kept as this many parallel hash chains (docs/decisions/007-parallel-audit-chains.md): an audited
 * write appends to a chain no other open transaction holds, so writes do not queue behind one lock.
 */
export const AUDIT_CHAINS = 32;
/** First key of the two-key advisory lock `(AUDIT_CHAIN_LOCK, chain)` held by the transaction appending to a chain. */
export const AUDIT_CHAIN_LOCK = 727275;
