import Taro from '@tarojs/taro';

/**
 * The local gateway's sign-in token (H5 and development). In the mini-program there is no token:
 * WeChat vouches for the user on every cloud call.
 */
const TOKEN_KEY = 'xz.token';

export function getToken(): string | null {
  const t: unknown = Taro.getStorageSync(TOKEN_KEY);
  return typeof t === 'string' && t.length > 0 ? t : null;
}

export function setToken(token: string): void {
  Taro.setStorageSync(TOKEN_KEY, token);
}

export function clearToken(): void {
  Taro.removeStorageSync(TOKEN_KEY);
}
