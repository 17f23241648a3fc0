import Taro from '@tarojs/taro';
import { voteUrl, type VotePage } from '../utils/votes';

/**
 * Back to a voting page already under this one (say, from the receipt to the motion), so the
 * back button does not walk through the ballot again; opened in its place when it is not there.
 */
export function backTo(page: VotePage, motionId: string): void {
  const pages = Taro.getCurrentPages();
  const route = `pkg-vote/${page}/index`;
  for (let i = pages.length - 2; i >= 0; i -= 1) {
    if ((pages[i].route ?? '').replace(/^\//, '').split('?')[0] === route) {
      void Taro.navigateBack({ delta: pages.length - 1 - i });
      return;
    }
  }
  void Taro.redirectTo({ url: voteUrl(page, motionId) });
}
