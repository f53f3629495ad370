// What every contract row starts with, wherever contracts are listed (the register, the organization and project
// pages, the budget): client-safe, so the server's queries and the tables that show them state it once.
import type { ContractStatus } from "#db/schema/enums";

export type ContractBasics = {
  id: number;
  code: string;
  title: string;
  status: ContractStatus;
  startsOn: string;
  endsOn: string;
  amountFen: number;
  organizationName: string;
  /** The facility's or the care project's name. */
  subjectName: string;
};

/** A contract in a list: its basics, its money so far and where its work happens. */
export type ContractSummary = ContractBasics & {
  allocatedFen: number;
  spentFen: number;
  organizationId: number;
  subjectKind: "facility" | "project";
  subjectId: number;
  /** The township (facility) or the project's region: where the contract's work happens. */
  placeName: string;
};
