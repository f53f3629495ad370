// Which funding sources a user may read (held in their region, or funding contracts they see) and manage (held in
// their region). Scope lives in the query: a source outside it is simply not found.
import { type SQL, sql } from "drizzle-orm";
import { allocations, contracts, fundingSources } from "#db/schema";
import { managedRegion } from "~/modules/access/region-choices.server";
import { byScope, contractsInScope, regionIdsUnder } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";

export function fundingSourcesInScope(user: SessionUser): SQL {
  return byScope(user, {
    region: (
      scope,
    ) => sql`(${fundingSources.regionId} in ${regionIdsUnder(scope.codePrefix)} or ${fundingSources.id} in (
        select ${allocations.fundingSourceId} from ${allocations}
        where ${allocations.contractId} in (select ${contracts.id} from ${contracts} where ${contractsInScope(user)})))`,
    station: () => sql`false`,
    organization: () => sql`false`,
  });
}

export function fundingSourcesManagedBy(user: SessionUser): SQL {
  return managedRegion(user, fundingSources.regionId);
}
