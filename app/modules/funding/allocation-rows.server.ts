// An allocation as the lists of allocations show it (a contract's page, a funding source's page): its own columns,
// newest first; each list adds the other side (the source or the contract) and who made it.
import { desc } from "drizzle-orm";
import { allocations } from "#db/schema";

export const allocationColumns = {
  id: allocations.id,
  amountFen: allocations.amountFen,
  allocatedOn: allocations.allocatedOn,
  note: allocations.note,
};

export const newestAllocationsFirst = [desc(allocations.allocatedOn), desc(allocations.id)] as const;
