export * from "./types";
export { buildEdge, planFitProblems } from "./build";
export { Edge, AdminAccess, Redirects, RateLimits, Cache, Headers, siteFromConfig, edgeConfigOf } from "./component";
