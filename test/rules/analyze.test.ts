import { analyze, fieldsUsed, functionsUsed, operatorsUsed, parse } from "../../rules";

describe("analyze", () => {
  it("lists fields, groups, functions, operators and header names of parsed text", () => {
    const usage = analyze(parse(`(http.request.method eq "POST" and starts_with(lower(http.request.uri.path), "/login")) or not any(http.request.headers["authorization"][*] contains "Bearer") xor http.host in {"a" "b"}`));
    expect(usage).toEqual({
      fields: ["http.host", "http.request.headers", "http.request.method", "http.request.uri.path"],
      fieldGroups: ["header", "host", "method", "path"],
      functions: ["any", "lower", "starts_with"],
      operators: ["and", "contains", "eq", "in", "not", "or", "xor"],
      headerNames: ["authorization"],
      usesRegex: false,
    });
  });

  it("flags regex use through matches and regex_replace", () => {
    expect(analyze(parse(`http.request.uri.path matches "^/a"`)).usesRegex).toBe(true);
    expect(analyze(parse(`regex_replace(http.request.uri.path, "a", "b")`, { expect: "String" })).usesRegex).toBe(true);
    expect(analyze(parse(`http.request.uri.path wildcard "/a*"`)).usesRegex).toBe(false);
  });

  it("answers the Free-plan rate-limit question: path fields only?", () => {
    const pathOnly = parse(`starts_with(http.request.uri.path, "/login") or http.request.uri.path.extension eq "php"`);
    expect(analyze(pathOnly).fieldGroups).toEqual(["path"]);
    expect(fieldsUsed(parse(`http.host eq "a" and http.request.uri.path eq "/"`))).toEqual(["http.host", "http.request.uri.path"]);
    expect(functionsUsed(parse(`ssl`))).toEqual([]);
    expect(operatorsUsed(parse(`http.request.uri.path strict wildcard "/A*"`))).toEqual(["strict wildcard"]);
  });
});
