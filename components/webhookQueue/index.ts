export * from "./spec";
export * from "./queue";
