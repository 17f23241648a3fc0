/**
 * The one map of pages. The main package holds what every villager uses (the four tabs);
 * pages only some roles or only development need live in subpackages.
 */
// Choosing a demo user exists only on the local gateway's H5 build; WeChat gives identity itself.
const devPackage = { root: 'pkg-dev', pages: ['login/index', 'outbox/index'] };
// Each person joins once; only the committee and township staff use the console.
const joinPackage = { root: 'pkg-join', pages: ['index'] };
// Every villager votes, but only now and then: the voting pages load when someone opens a vote.
const votePackage = {
  root: 'pkg-vote',
  pages: ['detail/index', 'ballot/index', 'confirm/index', 'receipt/index', 'result/index'],
};
const committeePackage = {
  root: 'pkg-committee',
  pages: [
    'approvals/index',
    'roster/index',
    'roles/index',
    'teams/index',
    'audit/index',
    'screening/index',
    'matter/index',
    'votes/index',
    'vote-open/index',
  ],
};

// 村务公开's committee side (write, correct, accounts, duties, export, print) and the township's overview.
const boardPackage = {
  root: 'pkg-board',
  pages: [
    'manage/index',
    'write/index',
    'change/index',
    'print/index',
    'accounts/index',
    'duties/index',
    'export/index',
    'township/index',
  ],
};

// 联户走访: only party members, grid leaders, the committee and township staff use these pages.
const visitsPackage = {
  root: 'pkg-visits',
  pages: [
    'tasks/index',
    'checkin/index',
    'household/index',
    'needs/index',
    'grid/index',
    'village/index',
    'township/index',
    'assign/index',
  ],
};

export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/matters/index',
    'pages/board/index',
    'pages/mine/index',
    // 议事: every villager reads, raises, co-signs, comments and rates matters.
    'pages/matter/index',
    'pages/raise/index',
    'pages/comments/index',
    // 村务公开: one notice, its revisions and its questions (the QR code on the wall opens it).
    'pages/notice/index',
  ],
  subPackages: [
    joinPackage,
    votePackage,
    committeePackage,
    boardPackage,
    visitsPackage,
    ...(process.env.TARO_ENV === 'h5' ? [devPackage] : []),
  ],
  // Built as native components too (npm run build:components) for miniprogram-simulate tests.
  components: ['components/ElderSwitch/index', 'components/StageStrip/index'],
  window: {
    navigationBarTitleText: '乡治',
    navigationBarBackgroundColor: '#C8161D',
    navigationBarTextStyle: 'white',
    backgroundColor: '#F5F5F5',
  },
  tabBar: {
    color: '#444444',
    selectedColor: '#C8161D',
    backgroundColor: '#FFFFFF',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页' },
      { pagePath: 'pages/matters/index', text: '议事' },
      { pagePath: 'pages/board/index', text: '公开' },
      { pagePath: 'pages/mine/index', text: '我的' },
    ],
  },
});
