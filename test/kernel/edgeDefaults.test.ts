import { edgeSchema } from "../../components/schema/edge";
import { DEFAULT_AUTH_ROUTES, DEFAULT_PRIVATE_PATHS, DEFAULT_SESSION_COOKIES, DEFAULT_STATIC_EXTENSIONS, DEFAULT_STATIC_PATH_PREFIXES, DEFAULT_WEBHOOK_PATHS } from "../../kernel/edgeDefaults";
import { DEFAULT_RATE_LIMITED_ROUTES, DEFAULT_WEBHOOK_ROUTES } from "../../policies/rateLimits";

describe("default edge lists", () => {
  test("an edge config with no cache or rate limit section takes the kernel's lists", () => {
    const edge = edgeSchema.parse({});
    expect(edge.cache).toMatchObject({
      sessionCookies: DEFAULT_SESSION_COOKIES,
      privatePaths: DEFAULT_PRIVATE_PATHS,
      extensions: DEFAULT_STATIC_EXTENSIONS,
      pathPrefixes: DEFAULT_STATIC_PATH_PREFIXES,
    });
    const limits = edge.rateLimits as Record<string, { paths: string[] } | false>;
    const authPaths = ["login", "signup", "passwordReset"].flatMap((g) => (limits[g] as { paths: string[] }).paths);
    expect(authPaths).toEqual(DEFAULT_AUTH_ROUTES);
    expect((limits.webhooks as { paths: string[] }).paths).toEqual(DEFAULT_WEBHOOK_PATHS);
  });

  test("the policy pack probes the same routes, as POSTs", () => {
    expect(DEFAULT_RATE_LIMITED_ROUTES).toEqual(["POST /login", "POST /signup", "POST /password/reset", "POST /forgot-password"]);
    expect(DEFAULT_WEBHOOK_ROUTES).toEqual(["POST /api/webhooks/stripe"]);
  });
});
