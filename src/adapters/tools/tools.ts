/**
 * The external Go programs Gauntlet drives, pinned in this one table. `gauntlet setup` installs
 * them with `go install <goPackage>@<version>` into `.gauntlet/bin`; `gauntlet doctor` and
 * `findTool()` look for them (env var > `.gauntlet/bin` > PATH).
 */
export interface ToolSpec {
  /** The name users type: `gauntlet setup --only <name>`. */
  readonly name: string;
  /** The file name in `.gauntlet/bin` (and on PATH). */
  readonly binary: string;
  /** The Go package that `go install` builds (a `main` package). */
  readonly goPackage: string;
  /** The Go module that package lives in: the build info of the binary names it. */
  readonly goModule: string;
  /** Pinned release, a module version tag. */
  readonly version: string;
  /** The file `go install` writes into GOBIN: the package's last path element (major-version suffix dropped). */
  readonly installedName: string;
  /** Env var holding an absolute path that overrides every other lookup. */
  readonly envVar: string;
  /** How to ask the binary its version, and where the version sits in what it prints. */
  readonly versionQuery: { readonly args: readonly string[]; readonly pattern: RegExp };
  /** Set GOTOOLCHAIN for this tool only, when its go.mod needs a newer Go than the machine's. */
  readonly goToolchain?: string;
  /** What in Gauntlet needs it. */
  readonly usedFor: string;
  /** When set, a missing or uninstallable tool is reported but does not fail setup/doctor. */
  readonly optional?: { readonly reason: string };
}

// Builds made by `go install` report placeholder versions from their flags (toxiproxy says
// "git", oasdiff "main", vegeta an empty string) because the release ldflags are not set, so
// every pattern demands a digit: a placeholder then reads as "no version" instead of a wrong one.
// The authoritative version of such builds comes from the Go build info (see go-build-info.ts).

/** The pinned tools, in install order. */
export const TOOLS: readonly ToolSpec[] = [
  {
    name: 'toxiproxy-server',
    binary: 'toxiproxy-server',
    goPackage: 'github.com/Shopify/toxiproxy/v2/cmd/server',
    goModule: 'github.com/Shopify/toxiproxy/v2',
    version: 'v2.12.0',
    installedName: 'server',
    envVar: 'GAUNTLET_TOXIPROXY_SERVER',
    versionQuery: { args: ['--version'], pattern: /version\s+v?(\d[\w.+-]*)/ },
    usedFor: 'chaos experiments (network faults between services)',
  },
  {
    name: 'toxiproxy-cli',
    binary: 'toxiproxy-cli',
    goPackage: 'github.com/Shopify/toxiproxy/v2/cmd/cli',
    goModule: 'github.com/Shopify/toxiproxy/v2',
    version: 'v2.12.0',
    installedName: 'cli',
    envVar: 'GAUNTLET_TOXIPROXY_CLI',
    versionQuery: { args: ['--version'], pattern: /version\s+v?(\d[\w.+-]*)/ },
    usedFor: 'chaos experiments (inspecting toxics by hand)',
  },
  {
    name: 'vegeta',
    binary: 'vegeta',
    goPackage: 'github.com/tsenart/vegeta/v12',
    goModule: 'github.com/tsenart/vegeta/v12',
    version: 'v12.13.0',
    installedName: 'vegeta',
    envVar: 'GAUNTLET_VEGETA',
    versionQuery: { args: ['-version'], pattern: /Version:[ \t]*v?(\d[\w.+-]*)/ },
    usedFor: 'load tests (the vegeta load engine)',
  },
  {
    name: 'oasdiff',
    binary: 'oasdiff',
    goPackage: 'github.com/oasdiff/oasdiff',
    goModule: 'github.com/oasdiff/oasdiff',
    // Newest served release; builds with Go 1.26.8 (checked with `go list -m -versions`).
    version: 'v1.37.0',
    installedName: 'oasdiff',
    envVar: 'GAUNTLET_OASDIFF',
    versionQuery: { args: ['--version'], pattern: /version\s+v?(\d[\w.+-]*)/ },
    usedFor: 'OpenAPI breaking-change checks (cross-checking the built-in diff)',
  },
  {
    name: 'hoverfly',
    binary: 'hoverfly',
    goPackage: 'github.com/SpectoLabs/hoverfly/core/cmd/hoverfly',
    goModule: 'github.com/SpectoLabs/hoverfly',
    // Not verifiable here: the Go module proxy answers 403 "This module version is not
    // available." for every version of github.com/SpectoLabs/hoverfly, so no release could be
    // listed or built on this machine (with or without GOTOOLCHAIN=go1.27.3).
    version: 'v1.11.0',
    installedName: 'hoverfly',
    envVar: 'GAUNTLET_HOVERFLY',
    versionQuery: { args: ['-version'], pattern: /v?(\d+\.\d+\.\d+[\w.+-]*)/ },
    usedFor: 'interop checks of simulations against the real Hoverfly',
    optional: {
      reason:
        'Gauntlet reads, writes and serves Hoverfly simulations itself; the real Hoverfly is only used for interop checks',
    },
  },
];

/** The tool names, in install order. */
export const TOOL_NAMES: readonly string[] = TOOLS.map((t) => t.name);

/** The spec of a tool by name, or undefined for an unknown name. */
export function getToolSpec(name: string): ToolSpec | undefined {
  return TOOLS.find((t) => t.name === name);
}

/** The exact command that installs one tool into the project. */
export function setupCommandFor(name: string): string {
  return `npx gauntlet setup --only ${name}`;
}
