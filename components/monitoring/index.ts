export * from "./rules";
export * from "./specs";
export * from "./dashboard";
export * from "./uptime";
