/**
 * The stack's static-asset rule, as the edge components use it. Its one definition is in the
 * kernel (kernel/staticAssets.ts): the cache component builds its rule from it, and the policy
 * pack, `diff` and the config checks judge cache rules by it.
 */
export {
  DEFAULT_STATIC_EXTENSIONS,
  DEFAULT_STATIC_PATH_PREFIXES,
  isPageExtension,
  isStaticAssetPath,
  pathExtension,
  type StaticAssetDefinition,
} from "../../kernel/staticAssets";
