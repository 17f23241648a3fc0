/**
 * The one map of pages. The main package holds what every villager uses (the four tabs);
 * pages only some roles or only development need live in subpackages.
 */
// Choosing a demo user exists only on the local gateway's H5 build; WeChat gives identity itself.
const devPackage = { root: 'pkg-dev', pages: ['login/index'] };
// Each person joins once; only the committee and township staff use the console.
const joinPackage = { root: 'pkg-join', pages: ['index'] };
const committeePackage = {
  root: 'pkg-committee',
  pages: ['approvals/index', 'roster/index', 'roles/index', 'audit/index'],
};

export default defineAppConfig({
  pages: ['pages/home/index', 'pages/matters/index', 'pages/board/index', 'pages/mine/index'],
  subPackages: [joinPackage, committeePackage, ...(process.env.TARO_ENV === 'h5' ? [devPackage] : [])],
  // Built as native components too (npm run build:components) for miniprogram-simulate tests.
  components: ['components/ElderSwitch/index'],
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
