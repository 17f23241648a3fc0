/**
 * The layers, checked by a tool rather than by hope (DESIGN.md):
 * - core/ is pure: it imports nothing of src/, cloudfunctions/, server/, no SDK and no Node I/O;
 * - the SDKs are imported only by the store adapters and the identity module;
 * - pages and components reach the functions only through src/services/.
 */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      severity: 'error',
      from: { path: '^core/' },
      to: {
        path: '^(src|cloudfunctions|server|scripts|tests)/|@tarojs|@cloudbase|wx-server-sdk|better-sqlite3|fastify|react',
      },
    },
    {
      name: 'core-no-node-io',
      severity: 'error',
      from: { path: '^core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'sdk-only-in-adapters-and-identity',
      severity: 'error',
      from: {
        pathNot: '^cloudfunctions/shared/(store/cloudbase[^/]*\\.ts|files/cloudbase\\.ts|identity\\.ts)$',
      },
      to: { path: '@cloudbase/|wx-server-sdk' },
    },
    {
      name: 'sqlite-only-in-embedded-adapter',
      severity: 'error',
      from: { pathNot: '^cloudfunctions/shared/store/embedded\\.ts$' },
      to: { path: 'better-sqlite3' },
    },
    {
      name: 'cloud-functions-never-load-the-gateway-or-embedded-store',
      severity: 'error',
      from: { path: '^cloudfunctions/' },
      to: { path: '^(server|src)/|fastify' },
    },
    {
      name: 'pages-reach-functions-through-services',
      severity: 'error',
      from: { path: '^src/(pages|components|pkg-[^/]+)/' },
      to: { path: '^(cloudfunctions|server)/' },
    },
    {
      name: 'pages-use-the-api-client',
      severity: 'error',
      from: { path: '^src/(pages|components|pkg-[^/]+)/' },
      to: { path: '^src/services/', pathNot: '^src/services/(api|session|dev|files|outbox)\\.ts$' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|tests|bench|scripts/check-weapp/node_modules)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
