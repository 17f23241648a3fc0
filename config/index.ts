import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import { resolve } from 'node:path';
import devConfig from './dev';
import prodConfig from './prod';

/**
 * One Taro config for both targets. `TARO_ENV` is weapp or h5; XZ_NATIVE_COMPONENTS builds the
 * components listed in app.config.ts as native weapp components (for miniprogram-simulate tests)
 * into their own folder, so they never mix with the real app build.
 */
export default defineConfig(async (merge) => {
  const nativeComponents = process.env.XZ_NATIVE_COMPONENTS === '1';
  // bench/size builds an empty Taro app with this same config, as the yardstick for ours.
  const emptyApp = process.env.XZ_BENCH_EMPTY_APP === '1';
  const outputRoot = emptyApp
    ? 'dist/bench-empty-app'
    : nativeComponents
      ? 'dist/weapp-components'
      : `dist/${process.env.TARO_ENV ?? 'weapp'}`;
  // core/ lives beside src/ and is shared with the cloud functions: Babel must compile it too.
  const compile = { include: [resolve(__dirname, '..', 'core')] };
  const base: UserConfigExport<'webpack5'> = {
    projectName: 'xiangzhi',
    date: '2026-11-23',
    // Sizes in the code are written at a 375-wide phone; Taro turns them into rpx (weapp) or rem (H5).
    designWidth: 375,
    deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
    sourceRoot: emptyApp ? 'bench/empty-app/src' : 'src',
    outputRoot,
    plugins: [],
    // The CloudBase environment id the weapp build calls; empty means the one chosen in devtools.
    defineConstants: { XZ_CLOUD_ENV: JSON.stringify(process.env.XZ_CLOUD_ENV ?? '') },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      compile,
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
    h5: {
      compile,
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      devServer: { host: '127.0.0.1' },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, base, devConfig);
  return merge({}, base, prodConfig);
});
