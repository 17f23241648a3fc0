import Taro from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { installTapAccessibility } from './utils/tap-a11y';
import './app.scss';

if (process.env.TARO_ENV === 'weapp') {
  // The CloudBase environment comes from the build (XZ_CLOUD_ENV); without it wx.cloud uses the
  // environment chosen in WeChat devtools.
  Taro.cloud.init({ env: XZ_CLOUD_ENV || undefined, traceUser: true });
}

// Views with onClick become buttons for screen readers and keyboards (see utils/tap-a11y).
if (process.env.TARO_ENV === 'h5') installTapAccessibility();

export default function App({ children }: PropsWithChildren) {
  return children;
}
