// The smallest Taro 4 React app: the yardstick bench/size compares our main package with.
export default defineAppConfig({ pages: ['pages/index/index'] });
