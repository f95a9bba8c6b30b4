export * from "./rules";
export * from "./policy";
export * from "./vault";
