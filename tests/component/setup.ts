// Taro's native components ask getCurrentPages() for the page they are mounted in; under
// miniprogram-simulate there is no app, so give them one page to belong to.
(global as unknown as { getCurrentPages: () => unknown[] }).getCurrentPages = () => [
  { route: 'pages/component-test/index', options: {}, __wxExparserNodeId__: 'component-test' },
];
