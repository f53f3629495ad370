// The whole domain schema; drizzle-kit reads this file.
export * from "./_columns";
export * from "./activities";
export * from "./audit";
export * from "./contracts";
export * from "./facilities";
export * from "./field";
export * from "./funding";
export * from "./organizations";
export * from "./people";
export * from "./projects";
export * from "./regions";
export * from "./signoff";
export * from "./users";
export * from "./visits";
