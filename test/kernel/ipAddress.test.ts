import { addressFamily, ipv6Text, isIpAddress } from "../../kernel/ipAddress";

describe("addressFamily", () => {
  test.each([
    ["192.0.2.10", "ipv4"],
    ["0.0.0.0", "ipv4"],
    ["255.255.255.255", "ipv4"],
    ["2001:db8::1", "ipv6"],
    ["::1", "ipv6"],
    ["::ffff:192.0.2.1", "ipv6"],
  ])("%s is %s", (text, family) => {
    expect(addressFamily(text)).toBe(family);
    expect(isIpAddress(text)).toBe(true);
  });

  test.each([
    ["1", "a single number ipaddr.js alone would take as IPv4"],
    ["010.0.0.1", "an octal-looking part"],
    ["256.1.1.1", "a part over 255"],
    ["1.2.3", "three parts"],
    ["0x7f.0.0.1", "a hexadecimal part"],
    ["2001:db8:::1", "a malformed IPv6 address"],
    ["example.com", "a host name"],
    ["http.request.uri.path", "a rules field name"],
    ["", "nothing"],
  ])("%s is no address (%s)", (text) => {
    expect(addressFamily(text)).toBeUndefined();
    expect(isIpAddress(text)).toBe(false);
  });
});

test("ipv6Text writes an IPv6 address in RFC 5952's compressed form", () => {
  expect(ipv6Text("2001:0DB8:0000:0000:0000:0000:0000:0001")).toBe("2001:db8::1");
  expect(ipv6Text("::ffff:192.0.2.1")).toBe("::ffff:c000:201");
});
