import { createRequest, fullUri, parseRequestLine, requestCookies, requestUri, RulesInputError } from "../../rules";
import { pathExtension } from "../../rules/request";

describe("parseRequestLine", () => {
  it("reads METHOD URL into the normalised model", () => {
    const r = parseRequestLine("get HTTP://WWW.Example.com/pricing?ref=x");
    expect(r).toEqual({
      scheme: "http",
      method: "GET",
      host: "www.example.com",
      port: 80,
      path: "/pricing",
      query: "ref=x",
      headers: { host: ["www.example.com"] },
    });
  });

  it("defaults the method to GET and reads header lines from the text and the extra list", () => {
    const r = parseRequestLine("https://app.example.com:8443/login\nCookie: session=abc\nAccept: a", ["accept: b", "X-Empty:"]);
    expect(r.method).toBe("GET");
    expect(r.port).toBe(8443);
    expect(r.headers).toEqual({ host: ["app.example.com:8443"], cookie: ["session=abc"], accept: ["a", "b"], "x-empty": [""] });
    expect(fullUri(r)).toBe("https://app.example.com:8443/login");
    expect(requestUri(r)).toBe("/login");
  });

  const bad: Array<[string, string[], RegExp]> = [
    ["", [], /request line is empty; expected "METHOD URL"/],
    ["GET https://a.example/ extra", [], /has 3 words; expected "METHOD URL"/],
    ["GET /relative/path", [], /"\/relative\/path" is not an absolute URL/],
    ["GET ftp://example.com/", [], /has scheme "ftp"; expected http or https/],
    ["G3T https://example.com/", [], /method "G3T" is not an HTTP method/],
    ["GET https://example.com/", ["no colon here"], /header line "no colon here" has no "Name: value" form/],
    ["GET https://example.com/", ["Bad Name: x"], /header name "Bad Name" is not a valid HTTP header name/],
    ["GET https://example.com/", ["Host: other.example"], /Host header "other.example" disagrees with the URL's host "example.com"/],
  ];
  it.each(bad)("rejects %j %j", (line, headers, message) => {
    expect(() => parseRequestLine(line, headers)).toThrow(RulesInputError);
    expect(() => parseRequestLine(line, headers)).toThrow(message);
  });
});

describe("createRequest", () => {
  it("merges cookies into the Cookie header and keeps optional client facts", () => {
    const r = createRequest({ url: "https://example.com/a", method: "post", headers: { Cookie: "a=1" }, cookies: { session: "xyz", "b%20c": "2" }, clientIp: "192.0.2.1", country: "gb" });
    expect(r.headers.cookie).toEqual(["a=1; session=xyz; b%20c=2"]);
    expect(r.method).toBe("POST");
    expect(r.country).toBe("GB");
    expect([...requestCookies(r).entries()]).toEqual([["a", ["1"]], ["session", ["xyz"]], ["b c", ["2"]]]);
  });

  it("rejects a client IP that is not an address", () => {
    expect(() => createRequest({ url: "https://example.com/", clientIp: "1" })).toThrow(/client IP "1" is not an IPv4 or IPv6 address/);
  });
});

describe("pathExtension (cases from Cloudflare's field reference)", () => {
  it.each([
    ["/foo", ""],
    ["/foo.mp3", "mp3"],
    ["/.mp3", ""],
    ["/.foo.mp3", "mp3"],
    ["/foo.tar.bz2", "bz2"],
    ["/foo.", ""],
    ["/foo.MP3", "mp3"],
    ["/dir.d/file", ""],
  ])("%s -> %j", (path, ext) => {
    expect(pathExtension(path)).toBe(ext);
  });
});
