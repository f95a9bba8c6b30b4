/** The Cloudflare Rules language: typed builders, renderer, parser, evaluator, analysis. */
export * from "./ast";
export * from "./builders";
export { render, quote, rawString, type RenderOptions } from "./render";
export { parse, parseCached, type ParseOptions } from "./parser";
export { evaluate, evaluateValue, evaluateString, matchesRequest } from "./evaluate";
export { analyze, fieldsUsed, functionsUsed, operatorsUsed, type ExpressionUsage } from "./analyze";
export { computeRedirect, firstRedirect, REDIRECT_STATUS_CODES, type RedirectFromValue, type RedirectOutcome, type RedirectRule, type RedirectStatusCode } from "./redirect";
export { createRequest, parseRequestLine, requestUri, fullUri, requestCookies, type HttpRequest, type RequestInit, type Scheme } from "./request";
export { FIELDS, fieldSpec, isFieldName, type FieldGroup, type FieldName, type FieldSpec } from "./fields";
export { FUNCTIONS, functionSpec, type FunctionSpec } from "./functions";
export { MISSING, type Value, type IpValue } from "./values";
export { escapeWildcard } from "./wildcard";
export { RulesSyntaxError, RulesBuildError, RulesEvaluationError, RulesInputError, describeSyntaxError } from "./errors";
export type { Expectation } from "./check";
