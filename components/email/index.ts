/** The email concern: re-exports only. */
export * from "./component";
export * from "./records";
export * from "./providers";
export * from "./spf";
export * from "./dmarc";
export * from "./dkim";
export * from "./mtasts";
export * from "../../kernel/txt";
export { validateEmail, daysBetween } from "./validate";
