import { defineConfig } from 'vitepress';

// The docs site: `npm run docs:build` writes docs/.vitepress/dist (static files, local search).
export default defineConfig({
  title: 'Gauntlet',
  description:
    'Contract testing and service virtualization for microservices: mocks, verification, chaos and load from one model.',
  cleanUrls: false,
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }]],
  lastUpdated: false,
  // Notes kept beside the site for contributors, not pages of it.
  srcExclude: ['snippets/**', 'architecture.md'],
  // errors.md and the notes beside the site link into the repository (chaos/, src/…): those
  // links work on the forge, not in the site. Links between pages are still checked.
  ignoreDeadLinks: [/^\.\.?\/(chaos|src|test|examples|contracts|perf|bench|ci|mocks|scenarios)\b/],
  markdown: {
    // The pages quote Handlebars and Hoverfly templates (`{{ request.body }}`): Vue must not
    // read those as its own interpolations, in inline code or in prose.
    config(md) {
      const inlineCode = md.renderer.rules.code_inline!;
      md.renderer.rules.code_inline = (tokens, idx, options, env, self) =>
        inlineCode(tokens, idx, options, env, self).replace('<code', '<code v-pre');
      const text = md.renderer.rules.text!;
      md.renderer.rules.text = (tokens, idx, options, env, self) =>
        text(tokens, idx, options, env, self).replace(/\{\{|\}\}/g, (m) =>
          m === '{{' ? '&#123;&#123;' : '&#125;&#125;',
        );
    },
  },
  themeConfig: {
    search: { provider: 'local' },
    nav: [
      { text: 'Guide', link: '/guide/getting-started' },
      { text: 'Reference', link: '/reference/cli' },
      { text: 'Coming from…', link: '/coming-from' },
    ],
    sidebar: [
      {
        text: 'Start',
        items: [{ text: 'Getting started', link: '/guide/getting-started' }],
      },
      {
        text: 'Guides',
        items: [
          { text: 'Local development', link: '/guide/local-development' },
          { text: 'The CI gate', link: '/guide/ci-gate' },
          { text: 'Chaos and load (SRE)', link: '/guide/sre' },
          { text: 'Containers', link: '/guide/containers' },
        ],
      },
      {
        text: 'Reference',
        items: [
          { text: 'CLI', link: '/reference/cli' },
          { text: 'gauntlet.config.ts', link: '/reference/config' },
          { text: 'File formats', link: '/reference/formats' },
          { text: 'Chaos experiments', link: '/chaos' },
          { text: 'Postman collections', link: '/postman' },
          { text: 'Fidelity', link: '/fidelity' },
          { text: 'Library API', link: '/reference/api' },
          { text: 'Error codes', link: '/errors' },
          { text: 'Hoverfly compatibility', link: '/hoverfly' },
        ],
      },
      {
        text: 'Coming from Prism, WireMock, Hoverfly, Pact, k6, Chaos Toolkit',
        link: '/coming-from',
      },
    ],
  },
});
