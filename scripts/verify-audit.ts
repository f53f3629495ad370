// npm run audit:verify — walks the hash chain of the audit log; exits 1 and names the first broken row if tampered.
import { verifyAuditChain } from "~/modules/audit/audit.server";
import { closeDatabase } from "~/utils/db.server";

try {
  const { checked, brokenAt } = await verifyAuditChain();
  if (brokenAt === null) console.log(`Audit chain intact: ${checked} entries checked.`);
  else {
    console.error(`Audit chain BROKEN at entry ${brokenAt} (after ${checked} intact entries).`);
    process.exitCode = 1;
  }
} finally {
  await closeDatabase();
}
